import { z } from 'zod';
import { IsoDateTime } from './primitives';

/** Longest secret value accepted, in UTF-8 bytes (a PEM key fits; Key Vault allows 25 KB). */
export const MAX_SECRET_VALUE_BYTES = 8 * 1024;
/** Secrets one tenant may hold: the list answers in one page. */
export const MAX_SECRETS_PER_TENANT = 100;

const NAME_PATTERN = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,62}$/;
/** Vault names of the per-tenant prefix (`t-<hash>-…`): a name of that shape could only mean another tenant's. */
const RESERVED_PREFIX = /^t-[0-9a-f]{16}-/i;

/**
 * A tenant secret's name: letters, digits and single hyphens, up to 63, case-insensitive (kept lowercase),
 * so it maps one-to-one onto a Key Vault name (`[0-9a-zA-Z-]`) and an environment variable name.
 */
export const SecretName = z
  .string()
  .max(63)
  .regex(
    NAME_PATTERN,
    'must be 1-63 letters, digits and single hyphens, starting and ending with a letter or digit',
  )
  .refine((name) => !RESERVED_PREFIX.test(name), 'must not start with t-<16 hex digits>- (reserved)')
  .transform((name) => name.toLowerCase());
export const SecretNameParams = z.strictObject({ name: SecretName });

/** The secret a reference names in the caller's own namespace, or undefined for any other form. */
export function secretNameOf(ref: string): string | undefined {
  const match = /^(?:secret|keyvault):(.*)$/s.exec(ref);
  if (!match) return undefined;
  const parsed = SecretName.safeParse(match[1]);
  return parsed.success ? parsed.data : undefined;
}

const looksLikeRawSecret = (value: string) =>
  /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ||
  /^(xox[abposr]-|ghp_|sk_live_|sk-|AKIA|eyJ)/.test(value) ||
  (!value.includes(':') && value.length >= 20);

/** Forms saved before references were confined to the tenant: still read from storage, never resolved. */
const LEGACY_REF = /^(env:[A-Z_][A-Z0-9_]{0,127}|keyvault:[A-Za-z0-9-]{1,127})$/;

/**
 * Where a secret lives, never the secret: `secret:NAME`, a secret of the caller's tenant (managed with
 * `/api/v1/secrets`; Key Vault in Azure). `keyvault:NAME` means the same tenant secret. The messages never
 * repeat the value, so a pasted secret does not come back in the error.
 *
 * As a field of a stored definition it also reads the older forms (`env:NAME`), so a definition saved
 * before stays readable and can be fixed or deleted; requests refuse them (`confineSecretRefs`).
 */
export const SecretRef = z
  .string()
  .max(300)
  .superRefine((value, ctx) => {
    if (secretNameOf(value) !== undefined || LEGACY_REF.test(value)) return;
    ctx.addIssue({
      code: 'custom',
      message: looksLikeRawSecret(value)
        ? 'looks like a raw secret or URL: store it with PUT /api/v1/secrets/{name} and pass secret:{name}'
        : OUTSIDE_NAMESPACE,
    });
  })
  .meta({ description: 'A reference to a secret of this tenant: secret:NAME — never the secret itself' });

const OUTSIDE_NAMESPACE =
  'must be secret:NAME, a secret of this tenant (PUT /api/v1/secrets/{name}); other forms such as env: are not accepted';

/** The fields of a data source's or delivery target's `config` that hold secret references. */
const REF_PATHS = [
  ['secretRef'],
  ['previousSecretRef'],
  ['webhookUrlRef'],
  ['botTokenRef'],
  ['passwordRef'],
  ['auth', 'secretRef'],
] as const;

/**
 * Refuses, in a request, every reference outside the caller's namespace — `env:` above all, which once
 * reached the service's own settings — naming the field. The message depends only on the text, never on
 * whether anything of that name exists.
 */
export function confineSecretRefs(request: { config: unknown }, ctx: z.RefinementCtx): void {
  for (const path of REF_PATHS) {
    let node: unknown = request.config;
    for (const key of path)
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (typeof node === 'string' && secretNameOf(node) === undefined)
      ctx.addIssue({ code: 'custom', path: ['config', ...path], message: OUTSIDE_NAMESPACE });
  }
}

/** The body of `PUT /v1/secrets/{name}`: the value, write-only. */
export const PutSecretRequest = z
  .strictObject({
    value: z
      .string()
      .min(1)
      .refine(
        (v) => new TextEncoder().encode(v).length <= MAX_SECRET_VALUE_BYTES,
        `must be at most ${MAX_SECRET_VALUE_BYTES} bytes`,
      )
      .meta({ writeOnly: true, description: 'The secret; stored, used, never returned' }),
  })
  .meta({ id: 'PutSecretRequest' });

/** What the API shows of a secret: never its value. `operator`: set in the service's settings, read-only here. */
export const SecretMetadata = z
  .strictObject({
    name: z.string(),
    updatedAt: IsoDateTime.nullable(),
    source: z.enum(['api', 'operator']),
  })
  .meta({ id: 'SecretMetadata' });
export type SecretMetadata = z.infer<typeof SecretMetadata>;
