import type * as core from '@azure/functions-core';

function timestampMs(value: core.RpcNullableTimestamp | null | undefined): number | undefined {
  const ts = value?.value;
  if (!ts) return undefined;
  // `seconds` may be a protobuf Long; Number() goes through its toString().
  return Number(ts.seconds ?? 0) * 1000 + Math.floor((ts.nanos ?? 0) / 1e6);
}

const sameSites: Partial<Record<string, string>> = { lax: 'Lax', strict: 'Strict', explicitNone: 'None' };

/** Serializes one RPC cookie the way the host's ASP.NET cookie writer does. */
export function toSetCookieHeader(cookie: core.RpcHttpCookie): string {
  const parts = [`${cookie.name ?? ''}=${encodeURIComponent(cookie.value ?? '')}`];
  const expires = timestampMs(cookie.expires);
  if (expires !== undefined) parts.push(`Expires=${new Date(expires).toUTCString()}`);
  const maxAge = cookie.maxAge?.value;
  if (typeof maxAge === 'number') parts.push(`Max-Age=${Math.trunc(maxAge)}`);
  if (cookie.domain?.value) parts.push(`Domain=${cookie.domain.value}`);
  if (cookie.path?.value) parts.push(`Path=${cookie.path.value}`);
  if (cookie.secure?.value) parts.push('Secure');
  const sameSite = sameSites[cookie.sameSite ?? 'none'];
  if (sameSite) parts.push(`SameSite=${sameSite}`);
  if (cookie.httpOnly?.value) parts.push('HttpOnly');
  return parts.join('; ');
}
