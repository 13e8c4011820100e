import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Every setting the app reads, validated once at start. Names are the app settings' names. */
export const appSettingsSchema = z.object({
  LOCAL_MODE: bool.default(false),
  /** A connection string (Azurite, keys) … */
  AzureWebJobsStorage: z.string().min(1).optional(),
  /** … or an account reached with the managed identity (Azure). One of the two is required. */
  AzureWebJobsStorage__accountName: z
    .string()
    .regex(/^[a-z0-9]{3,24}$/)
    .optional(),
  ServiceBusConnection: z.string().min(1).optional(),
  ServiceBusConnection__fullyQualifiedNamespace: z.string().min(1).optional(),
  SERVICE_NAME: z.string().default('report-scheduler'),
  PUBLIC_BASE_URL: z.url().default('http://localhost:7071'),
  AUTH_ISSUER: z.url(),
  AUTH_AUDIENCE: z.string().min(1),
  AUTH_JWKS_URL: z.url(),
  AUTH_ALGORITHMS: csv
    .default(['RS256'])
    .pipe(z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'])).min(1)),
  REDIS_URL: z.string().optional(),
  /** Bearer token that guards GET /api/metrics; when unset the endpoint is open only in LOCAL_MODE. */
  METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  MAX_REQUEST_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  ARTIFACT_CONTAINER: z
    .string()
    .regex(/^[a-z0-9-]{3,63}$/)
    .default('artifacts'),
  /** Audit events stay in the table this many days, then move to the immutable archive (docs/retention.md). */
  AUDIT_RETENTION_DAYS: int(1, 3_650).default(365),
  /** Durable history (inputs, outputs, events) of finished runs is purged this many days after they started. */
  RUN_HISTORY_RETENTION_DAYS: int(1, 3_650).default(30),
  SIGNED_URL_TTL_HOURS: int(1, 24 * 7).default(24 * 7),
  SCHEDULER_LOOKAHEAD_SECONDS: int(0, 600).default(60),
  /** The sweep sends its fires of one instant as one ExecutionBatchRequested message (false: one message each). */
  SCHEDULER_BATCH_FIRES: bool.default(true),
  DEMO_SALES_ROWS: int(1, 10_000_000).default(1_000_000),
  /** Chromium tabs rendering PDFs at once in one process (each a few hundred MB at peak). */
  PDF_PAGE_POOL_SIZE: int(1, 16).default(2),
  /** Budget for one PDF render (waiting for a tab, loading, printing, the thumbnail); RENDER_FAILED after. */
  PDF_RENDER_TIMEOUT_MS: int(1_000, 600_000).default(60_000),
  /** Report previews and dry runs per tenant per minute (their own small limit beside the API's). */
  PREVIEW_REQUESTS_PER_MINUTE: int(1, 10_000).default(20),
  /**
   * PDFs whose longest table has over 1.5× this many rows print it in slices and merge them (Chromium's
   * memory follows the slice): this many rows first, then rows filling ~30 pages; 0 prints every PDF whole.
   */
  PDF_CHUNK_ROWS: int(0, 1_000_000).default(1_000),
  /** Rows an HTML or PDF template may see (they are held in memory); more fails with TEMPLATE_LIMIT. */
  TEMPLATE_MAX_ROWS: int(1, 1_000_000).default(100_000),
  /**
   * PDF and HTML renders of at least this many rows go to the render job queue (a Container Apps job in
   * Azure, a consumer in the local host) instead of the function's process; 0 renders everything in-process.
   */
  RENDER_JOB_MIN_ROWS: int(0, 100_000_000).default(50_000),
  /** A bursting run splits into at most this many slices (recipients); more fails with BURST_TOO_MANY_SLICES. */
  BURST_MAX_SLICES: int(1, 10_000).default(500),
  /** How long the orchestrator waits for a render job to report back before the run fails with RENDER_TIMEOUT. */
  RENDER_JOB_TIMEOUT_SECONDS: int(1, 86_400).default(900),
  /** The `Retry-After` (seconds) of run now and of a pending run result: how often a flow polls for it. */
  RUN_RESULT_RETRY_AFTER_SECONDS: int(1, 3_600).default(10),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().optional(),
  /**
   * `host:port` pairs outbound calls may reach even without https or on an internal address (webhook
   * targets pointing at a local receiver, an on-prem gateway). Empty by default.
   */
  OUTBOUND_ALLOWLIST: csv
    .default([])
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+:\d{1,5}$|^\[[0-9a-f:.]+\]:\d{1,5}$/i, 'must be host:port'))),
  /**
   * Base64 of 32 random bytes: the key that seals event-trigger signing secrets (a Key Vault reference in
   * Azure). Without it, event triggers answer 503 — except in LOCAL_MODE, which uses a fixed dev key.
   */
  EVENT_TRIGGER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be base64 of 32 bytes')
    .optional(),
  /**
   * Tenant secrets (`secret:NAME` references, `/api/v1/secrets`) live in this Key Vault
   * (`https://<name>.vault.azure.net`), reached with the managed identity, each tenant under its own name
   * prefix. Without it they are sealed under EVENT_TRIGGER_KEY in Table storage (the local host).
   */
  KEY_VAULT_URL: z.url().optional(),
  /** How long a tenant secret read from Key Vault is reused: a rotation reaches every instance within it. */
  KEY_VAULT_CACHE_SECONDS: int(0, 3_600).default(300),
  /** First wait before a delivery is retried after a transient failure; doubles each attempt (5 attempts). */
  DELIVERY_RETRY_BASE_SECONDS: int(0, 3_600).default(10),
  /** Longest wait between two delivery attempts (a receiver's Retry-After may ask for more). */
  DELIVERY_RETRY_CAP_SECONDS: int(0, 86_400).default(600),
  /**
   * How long a delivery claimed for sending is left to its worker before another attempt treats it as
   * crashed and resends with the same delivery id (longer than any channel's send timeout).
   */
  DELIVERY_SEND_LEASE_SECONDS: int(1, 3_600).default(120),
  /**
   * How long a run holds one of its tenant's execution slots without releasing it: a run whose worker died
   * frees its slot after this (longer than a run's longest normal life, render jobs included).
   */
  EXECUTION_SLOT_LEASE_SECONDS: int(30, 24 * 3_600).default(1_800),
  /**
   * Email over SMTP (any server): `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`.
   * The local host points it at its own SMTP catcher unless it is set. Used when ACS is not configured.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/i, 'must be smtp://… or smtps://…')
    .optional(),
  /** Azure Communication Email by connection string (`endpoint=https://…;accesskey=…`) … */
  ACS_CONNECTION_STRING: z.string().min(1).optional(),
  /** … or by its endpoint with the managed identity. Either one makes ACS the email channel. */
  ACS_ENDPOINT: z.url().optional(),
  /** `From` of every mail (`Reports <reports@example.com>`); with ACS, an address of a verified domain. */
  EMAIL_FROM: z.string().min(3).optional(),
  /** Largest attachment mailed, in bytes (default 10 MB; ACS allows less, see docs/delivery-channels.md). */
  EMAIL_MAX_ATTACHMENT_BYTES: int(0, 100 * 1024 * 1024).optional(),
  /** Slack Web API base URL, for bot-token Slack targets. */
  SLACK_API_BASE_URL: z.url().default('https://slack.com/api'),
  /** The web app's OIDC authority (its `/config.json`); the local host defaults it to its own dev issuer. */
  WEB_AUTHORITY: z.url().optional(),
  /** The web app's OIDC client id (an Entra ID app registration in Azure). */
  WEB_CLIENT_ID: z.string().min(1).default('report-scheduler-web'),
  WEB_SCOPES: z.string().min(1).default('openid profile'),
  /** Where the web app finds the API: "/api/v1" on the same origin, or an absolute URL. */
  WEB_API_BASE_URL: z.string().min(1).default('/api/v1'),
  /**
   * Origins, besides PUBLIC_BASE_URL's and the local host's own, that the dev issuer may send the web app
   * back to after sign-in (e.g. `http://localhost:5173` for the Vite dev server).
   */
  WEB_REDIRECT_ORIGINS: csv.default([]).pipe(
    z.array(
      z
        .url()
        .refine((u) => new URL(u).origin === u.replace(/\/$/, ''), 'must be an origin like http://host:port')
        .transform((u) => new URL(u).origin),
    ),
  ),
});

export type AppConfig = Readonly<z.infer<typeof appSettingsSchema>>;

const storageRequired = (config: z.infer<typeof appSettingsSchema>) =>
  config.AzureWebJobsStorage || config.AzureWebJobsStorage__accountName
    ? []
    : ['AzureWebJobsStorage: a storage connection string or AzureWebJobsStorage__accountName is required'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Parses settings; on failure throws one ConfigError listing every problem. Secrets are never echoed. */
export function parseAppConfig(env: Record<string, string | undefined>): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = appSettingsSchema.safeParse(present);
  const problems = result.success
    ? storageRequired(result.data)
    : result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  if (
    !result.success &&
    !('AzureWebJobsStorage' in present) &&
    !('AzureWebJobsStorage__accountName' in present)
  ) {
    problems.unshift(...storageRequired({} as z.infer<typeof appSettingsSchema>));
  }
  if (!result.success || problems.length) throw new ConfigError(problems);
  return Object.freeze(result.data);
}
