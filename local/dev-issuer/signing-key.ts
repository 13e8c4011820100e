import fs from 'node:fs/promises';
import path from 'node:path';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** The public half as a JWK with `kid`, `alg` and `use`, ready for the JWKS document. */
  readonly publicJwk: JWK;
  readonly kid: string;
}

const FILE = 'dev-issuer-rs256.pem';

/**
 * The dev issuer's RSA key, created once and kept in `dir` (PKCS#8 PEM, mode 600) so tokens survive a
 * restart. Written to a temp file and renamed, so two hosts starting together never see half a key.
 */
export async function loadOrCreateSigningKey(dir: string): Promise<SigningKey> {
  const file = path.join(dir, FILE);
  let pem: string;
  try {
    pem = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await fs.mkdir(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const fresh = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, fresh, { mode: 0o600 });
    await fs.rename(temp, file);
    pem = await fs.readFile(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}
