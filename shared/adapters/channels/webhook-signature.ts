import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` — one `v1=` per active secret, so
 * during a rotation a receiver holding either the old or the new secret verifies the same request
 * (the Stripe scheme). The timestamp is inside the MAC, so a captured request cannot be replayed later
 * with a fresh time; receivers reject timestamps outside their tolerance.
 */
export function signatureHeader(body: string, secrets: readonly string[], unixSeconds: number): string {
  if (secrets.length === 0) throw new Error('at least one signing secret is required');
  const t = Math.floor(unixSeconds);
  const macs = secrets.map((secret) => `v1=${hmacHex(secret, `${t}.${body}`)}`);
  return [`t=${t}`, ...macs].join(',');
}

/** The receiver's check: some `v1=` matches the secret, and `t` is within `toleranceSeconds` of `nowSeconds`. */
export function verifySignatureHeader(
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), 'hex');
  return parts.some(([k, v]) => {
    if (k !== 'v1' || !v || !/^[0-9a-f]{64}$/.test(v)) return false;
    return timingSafeEqual(Buffer.from(v, 'hex'), expected);
  });
}

function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}
