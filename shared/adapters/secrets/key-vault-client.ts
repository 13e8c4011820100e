import { AppError } from '../../domain/errors';

/** What the adapter needs of a credential: `DefaultAzureCredential` (managed identity in Azure) is one. */
export interface VaultCredential {
  getToken(scope: string): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

export interface KeyVaultClientOptions {
  /** `https://<name>.vault.azure.net` (a loopback stand-in in tests). */
  vaultUrl: string;
  credential: VaultCredential;
  clock: () => Date;
  /** Per request (default 10 s). */
  timeoutMs?: number;
}

export interface VaultResponse {
  status: number;
  body: Record<string, unknown>;
}

const API_VERSION = '7.5';
const SCOPE = 'https://vault.azure.net/.default';

/** The vault is the service's, not the tenant's: its address and answers never reach a tenant's message. */
const unavailable = (cause: unknown) =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    'The secret store is not reachable right now; try again later',
    {},
    { cause },
  );

/**
 * The Key Vault secrets REST API (7.5), bearer token from the credential, kept until shortly before it
 * expires. Only the vault's own origin ever receives the token (a `nextLink` elsewhere is not followed).
 */
export function createKeyVaultClient(options: KeyVaultClientOptions) {
  const origin = new URL(options.vaultUrl).origin;
  let token: { value: string; renewAt: number } | undefined;

  async function bearer(): Promise<string> {
    const now = options.clock().getTime();
    if (token && now < token.renewAt) return token.value;
    const got = await options.credential.getToken(SCOPE);
    if (!got) throw unavailable(new Error('no token for Key Vault'));
    token = { value: got.token, renewAt: got.expiresOnTimestamp - 120_000 };
    return got.token;
  }

  async function send(method: string, pathOrUrl: string, body?: unknown): Promise<VaultResponse> {
    const url = new URL(pathOrUrl, origin);
    if (url.origin !== origin) throw unavailable(new Error('Key Vault link outside the vault'));
    if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', API_VERSION);
    try {
      const res = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${await bearer()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      const parsed: unknown = text ? JSON.parse(text) : {};
      const json = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
      if (res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 429)
        throw unavailable(new Error(`Key Vault answered ${res.status} to ${method} ${url.pathname}`));
      return { status: res.status, body: json };
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw unavailable(err);
    }
  }

  return { send, path: (name: string) => `/secrets/${encodeURIComponent(name)}` };
}
export type KeyVaultClient = ReturnType<typeof createKeyVaultClient>;
