/** Single-quotes a value for a POSIX shell. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * A copy-paste shell example that fires the trigger: the body, signed as the API checks it
 * (`X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`), with curl and openssl.
 */
export function signedCurlExample(
  url: string,
  secret: string,
  parameters: Record<string, unknown> = {},
): string {
  const body = JSON.stringify({ parameters });
  return [
    `SECRET=${shellQuote(secret)}`,
    `BODY=${shellQuote(body)}`,
    `T=$(date +%s)`,
    `SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')`,
    `curl -X POST ${shellQuote(url)} \\`,
    `  -H 'content-type: application/json' \\`,
    `  -H "X-Signature: t=$T,v1=$SIG" \\`,
    `  --data "$BODY"`,
  ].join('\n');
}
