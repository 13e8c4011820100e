import { describe, expect, it } from 'vitest';
import type { AppError } from '../../domain/errors';
import { assertFresh, matchingSignature, parseSignatureHeader, signPayload } from './verify-signature';

const reason = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return ((err as AppError).details as { reason: string }).reason;
  }
};

describe('X-Signature', () => {
  const body = Buffer.from('{"parameters":{}}');
  const secret = 'ets_secret';
  const t = 1_770_000_000;
  const v1 = signPayload(secret, t, body);

  it('parses t and v1 and matches the HMAC of "<t>.<raw body>"', () => {
    const parsed = parseSignatureHeader(`t=${t}, v1=${v1}`);
    expect(parsed).toEqual({ timestamp: t, signatures: [v1] });
    expect(matchingSignature(secret, parsed, body)).toBe(v1);
    expect(matchingSignature('other', parsed, body)).toBeUndefined();
    expect(matchingSignature(secret, parsed, Buffer.from('{"parameters":{} }'))).toBeUndefined();
    expect(matchingSignature(secret, parseSignatureHeader(`t=${t + 1},v1=${v1}`), body)).toBeUndefined();
  });

  it('refuses missing and malformed headers', () => {
    expect(reason(() => parseSignatureHeader(null))).toBe('missing_signature');
    for (const bad of [`v1=${v1}`, `t=${t}`, `t=abc,v1=${v1}`, `t=${t},v1=xyz`, `t=${t},v1=${v1}=`])
      expect(
        reason(() => parseSignatureHeader(bad)),
        bad,
      ).toBe('malformed_signature');
  });

  it('accepts timestamps within 5 minutes either side only', () => {
    const at = (s: number) => new Date(s * 1000);
    const parsed = parseSignatureHeader(`t=${t},v1=${v1}`);
    expect(reason(() => assertFresh(parsed, at(t + 300)))).toBe('ok');
    expect(reason(() => assertFresh(parsed, at(t - 300)))).toBe('ok');
    expect(reason(() => assertFresh(parsed, at(t + 301)))).toBe('expired');
    expect(reason(() => assertFresh(parsed, at(t - 301)))).toBe('expired');
  });
});
