/**
 * Who is signed in, as the UI needs it (tenant, user, roles, when the token expires) — session state only; the
 * tokens themselves stay in oidc-client-ts's store.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { principalFromClaims, type Principal } from '../../../shared/app/auth/principal';

export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out' | 'expired';

/** The claims of a JWT's payload, read without verifying it (the API verifies; the UI only adapts). */
export function decodeJwtClaims(token: string): Record<string, unknown> | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(base64), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
    );
    const claims: unknown = JSON.parse(json);
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The principal an access token names, or null when it names none (then the UI treats the user as signed out). */
export function principalFromToken(token: string): Principal | null {
  const claims = decodeJwtClaims(token);
  if (!claims) return null;
  try {
    return principalFromClaims(claims);
  } catch {
    return null;
  }
}

export const useSessionStore = defineStore('session', () => {
  const status = ref<SessionStatus>('unknown');
  const principal = ref<Principal | null>(null);
  const displayName = ref<string | null>(null);
  const expiresAt = ref<number | null>(null);

  function signedIn(accessToken: string, name: string | null, expiresAtSeconds: number | null): void {
    const who = principalFromToken(accessToken);
    principal.value = who;
    displayName.value = name ?? who?.userId ?? null;
    expiresAt.value = expiresAtSeconds;
    status.value = who ? 'signed-in' : 'signed-out';
  }

  function signedOut(): void {
    principal.value = null;
    displayName.value = null;
    expiresAt.value = null;
    status.value = 'signed-out';
  }

  /** The token expired and could not be renewed: keep who it was, so the page can say "sign in again". */
  function expired(): void {
    if (status.value === 'signed-in') status.value = 'expired';
  }

  const roles = computed(() => principal.value?.roles ?? []);
  return { status, principal, displayName, expiresAt, roles, signedIn, signedOut, expired };
});

export type SessionStore = ReturnType<typeof useSessionStore>;
