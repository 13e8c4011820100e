// Test support (not shipped): a fake of the Azure Key Vault secrets REST API (7.x) on loopback — Key Vault
// cannot run here. It keeps names case-insensitively, soft-deletes (a PUT on a deleted name answers 409
// until it is recovered), pages lists with nextLink and checks the bearer token.
import {
  startLoopbackReceiver,
  type LoopbackReceiver,
  type ReceivedRequest,
} from '../../channels/testing/loopback-receiver';

export interface FakeKeyVault {
  base: string;
  /** Secrets by lower-case name (as Key Vault, case-insensitive). */
  secrets: Map<string, { value: string; updated: number }>;
  deleted: Set<string>;
  received: LoopbackReceiver['received'];
  /** Reads of one secret's value (GET /secrets/{name}). */
  valueReads(name: string): number;
  close(): Promise<void>;
}

export const FAKE_VAULT_TOKEN = 'fake-vault-token';

export async function startFakeKeyVault(options: { pageSize?: number } = {}): Promise<FakeKeyVault> {
  const secrets = new Map<string, { value: string; updated: number }>();
  const deleted = new Set<string>();
  let updated = 1_700_000_000;
  const pageSize = options.pageSize ?? 2;
  const handle = (req: ReceivedRequest, base: string): [number, unknown] => {
    if (req.headers.authorization !== `Bearer ${FAKE_VAULT_TOKEN}`)
      return [401, { error: { code: 'Unauthorized', message: 'no token' } }];
    const url = new URL(req.path, base);
    if (!url.searchParams.get('api-version')) return [400, { error: { code: 'BadParameter' } }];
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const name = (parts[1] ?? '').toLowerCase();
    const bundle = (n: string) => ({
      id: `${base}/secrets/${n}`,
      attributes: { enabled: true, updated: secrets.get(n)!.updated },
    });
    if (parts[0] === 'secrets' && parts.length === 1 && req.method === 'GET') {
      const all = [...secrets.keys()].sort();
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const more = skip + pageSize < all.length;
      return [
        200,
        {
          value: all.slice(skip, skip + pageSize).map(bundle),
          nextLink: more ? `${base}/secrets?api-version=7.5&$skiptoken=${skip + pageSize}` : null,
        },
      ];
    }
    if (parts[0] === 'secrets' && parts.length === 2) {
      if (!/^[0-9a-zA-Z-]{1,127}$/.test(name)) return [400, { error: { code: 'BadParameter' } }];
      if (req.method === 'PUT') {
        if (deleted.has(name))
          return [409, { error: { code: 'Conflict', message: 'deleted but recoverable' } }];
        const { value } = JSON.parse(req.body.toString('utf8')) as { value: string };
        secrets.set(name, { value, updated: ++updated });
        return [200, { value, ...bundle(name) }];
      }
      if (!secrets.has(name)) return [404, { error: { code: 'SecretNotFound', message: 'not found' } }];
      if (req.method === 'GET') return [200, { value: secrets.get(name)!.value, ...bundle(name) }];
      if (req.method === 'DELETE') {
        const shown = bundle(name);
        secrets.delete(name);
        deleted.add(name);
        return [200, { recoveryId: `${base}/deletedsecrets/${name}`, ...shown }];
      }
    }
    if (parts[0] === 'deletedsecrets' && parts[2] === 'recover' && req.method === 'POST') {
      if (!deleted.delete(name)) return [404, { error: { code: 'SecretNotFound' } }];
      secrets.set(name, { value: '(recovered)', updated: ++updated });
      return [200, bundle(name)];
    }
    return [405, { error: { code: 'MethodNotAllowed' } }];
  };

  const vault: LoopbackReceiver = await startLoopbackReceiver((req, res) => {
    const [status, body] = handle(req, vault.base);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return {
    base: vault.base,
    secrets,
    deleted,
    received: vault.received,
    valueReads: (name) =>
      vault.received.filter(
        (r) => r.method === 'GET' && new URL(r.path, vault.base).pathname === `/secrets/${name}`,
      ).length,
    close: () => vault.close(),
  };
}
