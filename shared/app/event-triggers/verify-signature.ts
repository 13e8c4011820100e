import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface ParsedSignature {
  timestamp: number;
  /** Every `v1=` value (a sender may sign with more than one secret while rotating). */
  signatures: string[];
}

export const unauthenticated = (reason: string, message = 'The request signature is not valid') =>
  new AppError('UNAUTHENTICATED', message, { reason, header: 'X-Signature' });

/** `t=<unix seconds>,v1=<hex HMAC-SHA256>`: 401 `missing_signature` / `malformed_signature` otherwise. */
export function parseSignatureHeader(header: string | null): ParsedSignature {
  if (!header) throw unauthenticated('missing_signature', 'The X-Signature header is required');
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [name, value, extra] = part.trim().split('=');
    if (extra !== undefined || value === undefined) timestamp = NaN;
    else if (name === 't' && /^\d{1,12}$/.test(value) && timestamp === undefined) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === undefined || Number.isNaN(timestamp) || signatures.length === 0 || signatures.length > 5)
    throw unauthenticated(
      'malformed_signature',
      'X-Signature must be "t=<unix seconds>,v1=<hex HMAC-SHA256 of \'<t>.<raw body>\'>"',
    );
  return { timestamp, signatures };
}

/** 401 `expired` when the timestamp is more than the tolerance away from now (either side). */
export function assertFresh(
  parsed: ParsedSignature,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
) {
  if (Math.abs(now.getTime() / 1000 - parsed.timestamp) > toleranceSeconds)
    throw unauthenticated('expired', `The signature timestamp is more than ${toleranceSeconds} s from now`);
}

export const signPayload = (secret: string, timestamp: number, rawBody: Buffer) =>
  createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');

/** The `v1` value that matches, compared in constant time; undefined when none does. */
export function matchingSignature(
  secret: string,
  parsed: ParsedSignature,
  rawBody: Buffer,
): string | undefined {
  const expected = Buffer.from(signPayload(secret, parsed.timestamp, rawBody), 'hex');
  return parsed.signatures.find((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
}
