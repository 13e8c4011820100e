import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader, verifySignatureHeader } from './webhook-signature';

describe('webhook signature', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'run.succeeded' });

  it('matches an independent HMAC-SHA256 of "<t>.<body>"', () => {
    const header = signatureHeader(body, ['s3cret'], 1_800_000_000);
    const independent = createHmac('sha256', 's3cret').update(`1800000000.${body}`).digest('hex');
    expect(header).toBe(`t=1800000000,v1=${independent}`);
  });

  it('carries one v1 per active secret, and either secret verifies during a rotation', () => {
    const header = signatureHeader(body, ['old-secret', 'new-secret'], 1_800_000_000);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignatureHeader(header, body, 'old-secret', 1_800_000_010)).toBe(true);
    expect(verifySignatureHeader(header, body, 'new-secret', 1_800_000_010)).toBe(true);
    expect(verifySignatureHeader(header, body, 'other-secret', 1_800_000_010)).toBe(false);
  });

  it('rejects a changed body, a stale timestamp and a malformed header', () => {
    const header = signatureHeader(body, ['s3cret'], 1_800_000_000);
    expect(verifySignatureHeader(header, `${body} `, 's3cret', 1_800_000_000)).toBe(false);
    expect(verifySignatureHeader(header, body, 's3cret', 1_800_000_000 + 301)).toBe(false);
    expect(verifySignatureHeader('v1=abc', body, 's3cret', 1_800_000_000)).toBe(false);
  });

  it('refuses to sign without a secret', () => {
    expect(() => signatureHeader(body, [], 1)).toThrow(/secret/);
  });
});
