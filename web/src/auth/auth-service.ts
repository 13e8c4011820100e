/**
 * Sign-in with authorization code + PKCE (oidc-client-ts): redirect to the issuer, complete at /auth/callback,
 * renew silently before the token expires (refresh token, else the /auth/silent frame), sign out at the issuer.
 */
import { inject, type InjectionKey } from 'vue';
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { RuntimeConfig } from '../config/runtime-config';
import type { SessionStore } from './session-store';

export interface AuthService {
  /** Reads a stored session (a reload keeps you signed in). */
  restore(): Promise<void>;
  signIn(returnTo: string): Promise<void>;
  /** Completes the redirect at /auth/callback; resolves to the path to return to. */
  completeSignIn(): Promise<string>;
  completeSilentRenew(): Promise<void>;
  signOut(): Promise<void>;
  getAccessToken(): Promise<string | null>;
}

export const authServiceKey: InjectionKey<AuthService> = Symbol('auth-service');

export function useAuthService(): AuthService {
  const auth = inject(authServiceKey);
  if (!auth) throw new Error('useAuthService() needs the auth service provided by the app (main.ts)');
  return auth;
}

export function createUserManager(config: RuntimeConfig, origin: string, storage: Storage): UserManager {
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    scope: config.scopes,
    response_type: 'code',
    redirect_uri: `${origin}/auth/callback`,
    silent_redirect_uri: `${origin}/auth/silent`,
    post_logout_redirect_uri: `${origin}/`,
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: storage }),
  });
}

/** Only same-app paths are returned to, never an absolute URL from the state. */
function safeReturnPath(state: unknown): string {
  const returnTo = (state as { returnTo?: unknown } | undefined)?.returnTo;
  return typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//')
    ? returnTo
    : '/';
}

export function createAuthService(userManager: UserManager, session: SessionStore): AuthService {
  const apply = (user: User) =>
    session.signedIn(user.access_token, user.profile.name ?? null, user.expires_at ?? null);
  userManager.events.addUserLoaded(apply);
  userManager.events.addUserUnloaded(() => session.signedOut());
  userManager.events.addAccessTokenExpired(() => session.expired());
  userManager.events.addSilentRenewError(() => {
    void userManager.getUser().then((user) => {
      if (!user || user.expired) session.expired();
    });
  });

  return {
    async restore() {
      const user = await userManager.getUser();
      if (!user) return session.signedOut();
      apply(user);
      if (user.expired) session.expired();
    },
    async signIn(returnTo) {
      await userManager.signinRedirect({ state: { returnTo } });
    },
    async completeSignIn() {
      const user = await userManager.signinRedirectCallback();
      apply(user);
      return safeReturnPath(user.state);
    },
    async completeSilentRenew() {
      await userManager.signinSilentCallback();
    },
    async signOut() {
      try {
        await userManager.signoutRedirect();
      } catch {
        // An issuer without an end-session endpoint: forget the session here at least.
        await userManager.removeUser();
        session.signedOut();
      }
    },
    async getAccessToken() {
      const user = await userManager.getUser();
      return user && !user.expired ? user.access_token : null;
    },
  };
}
