import { z } from 'zod';
import { FreeText, NameText } from './text';
import { pageQuerySchema } from './common';
import { confineSecretRefs, SecretRef } from './tenant-secret';
import { Id, IsoDateTime, TenantId } from './primitives';

/** A DNS name or an IP address — no scheme, port or path (those have their own fields). */
const Host = z
  .string()
  .min(1)
  .max(253)
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$|^\[?[0-9A-Fa-f:.]+\]?$/,
    'must be a DNS name or an IP address (no scheme, port or path)',
  );
const Port = z.int().min(1).max(65535);
const DbName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\0\s;'"\\]+$/, 'must be a plain name (no spaces, quotes or ;)');

/** `$`, then `.name` or `[index]` steps (e.g. `$.data.items`); nothing else. */
export const JsonPathText = z
  .string()
  .max(300)
  .regex(
    /^\$(?:\.[A-Za-z_][A-Za-z0-9_-]{0,127}|\[\d{1,6}\])*$/,
    'must be $ followed by .name or [index] steps',
  )
  .refine(
    (p) => !/\.(__proto__|prototype|constructor)(?=\.|\[|$)/.test(p),
    'must not name __proto__, prototype or constructor',
  );

const HeaderName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name')
  .refine(
    (h) =>
      !['host', 'content-length', 'content-type', 'transfer-encoding', 'connection', 'cookie'].includes(
        h.toLowerCase(),
      ),
    'may not be set',
  )
  .transform((h) => h.toLowerCase());

export const PostgresConfig = z.strictObject({
  host: Host,
  port: Port.default(5432),
  database: DbName,
  user: DbName,
  /** The password, as a reference (omit for a server trusting the client, e.g. local development). */
  passwordRef: SecretRef.optional(),
  /** `verify-full` (default) checks certificate and host name; `disable` only for a host:port in OUTBOUND_ALLOWLIST. */
  ssl: z.enum(['verify-full', 'require', 'disable']).default('verify-full'),
  /** The server-side limit of each statement (a report's shorter timeout wins). */
  statementTimeoutMs: z.int().min(100).max(600_000).default(60_000),
  maxConnections: z.int().min(1).max(20).default(5),
});

export const MssqlConfig = z
  .strictObject({
    host: Host,
    port: Port.default(1433),
    database: DbName,
    /** `sql`: a SQL login (user + passwordRef); `managed-identity`: Microsoft Entra ID through the app's identity. */
    authentication: z.enum(['sql', 'managed-identity']).default('sql'),
    user: DbName.optional(),
    passwordRef: SecretRef.optional(),
    requestTimeoutMs: z.int().min(100).max(600_000).default(60_000),
    maxConnections: z.int().min(1).max(20).default(5),
  })
  .superRefine((c, ctx) => {
    if (c.authentication === 'sql' && (c.user === undefined || c.passwordRef === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [c.user === undefined ? 'user' : 'passwordRef'],
        message: 'is required for a SQL login',
      });
    if (c.authentication === 'managed-identity' && c.passwordRef !== undefined)
      ctx.addIssue({ code: 'custom', path: ['passwordRef'], message: 'goes with a SQL login only' });
  });

export const RestPagination = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  /** The next page's URL (absolute or relative) at a JSON path of each page; null or absent ends. */
  z.strictObject({ type: z.literal('nextUrl'), path: JsonPathText }),
  /** The `Link: <…>; rel="next"` response header. */
  z.strictObject({ type: z.literal('linkHeader') }),
]);

export const RestConfig = z.strictObject({
  /**
   * The API's base URL (https; plain http only for a host:port in OUTBOUND_ALLOWLIST). A report's `sql` names
   * the resource relative to it, on the same origin (e.g. `orders?status=open`); parameters are added to the
   * query string (GET) or the JSON body (POST).
   */
  url: z.url().max(2048),
  method: z.enum(['GET', 'POST']).default('GET'),
  /** A fixed JSON body for POST; the report's parameters are merged into it. */
  body: z.record(z.string().max(128), z.unknown()).optional(),
  /** A credential header: `Authorization: Bearer <secret>` by default, the secret given as a reference. */
  auth: z
    .strictObject({
      header: HeaderName.default('authorization'),
      scheme: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9-]{0,30}$/)
        .optional(),
      secretRef: SecretRef,
    })
    .optional(),
  rowsPath: JsonPathText.default('$'),
  pagination: RestPagination.default({ type: 'none' }),
  maxPages: z.int().min(1).max(1000).default(10),
  maxResponseBytes: z
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(10 * 1024 * 1024),
});

export const DataSourceType = z.enum(['postgres', 'mssql', 'rest']);
export type DataSourceType = z.infer<typeof DataSourceType>;

const requestCommon = {
  name: NameText,
  description: FreeText(2000).optional(),
};

/** The body of `POST /v1/data-sources` and `PUT /v1/data-sources/{id}`: secrets only as references. */
export const DataSourceRequest = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('postgres'), ...requestCommon, config: PostgresConfig }),
    z.strictObject({ type: z.literal('mssql'), ...requestCommon, config: MssqlConfig }),
    z.strictObject({ type: z.literal('rest'), ...requestCommon, config: RestConfig }),
  ])
  .superRefine(confineSecretRefs)
  .meta({ id: 'DataSourceRequest' });
export type DataSourceRequest = z.infer<typeof DataSourceRequest>;

const stored = {
  id: Id,
  tenantId: TenantId,
  name: z.string().min(1).max(200),
  description: z.string().max(2000),
  createdBy: z.string(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

/** A tenant's connection as stored and as the API shows it; a report names it by `dataSource.connectionId`. */
export const DataSourceDefinition = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('postgres'), ...stored, config: PostgresConfig }),
    z.strictObject({ type: z.literal('mssql'), ...stored, config: MssqlConfig }),
    z.strictObject({ type: z.literal('rest'), ...stored, config: RestConfig }),
  ])
  .meta({ id: 'DataSource' });
export type DataSourceDefinition = z.infer<typeof DataSourceDefinition>;

/** A definition's `type` and `config`, still correlated (from a request or a stored definition). */
export type DataSourceSettings<D = DataSourceDefinition> = D extends unknown
  ? Pick<D & { type: unknown; config: unknown }, 'type' | 'config'>
  : never;

export const ListDataSourcesQuery = pageQuerySchema;

/** `POST /v1/data-sources/{id}/test`: whether the source answered a trivial query, and how fast. */
export const DataSourceTestResult = z
  .strictObject({
    ok: z.boolean(),
    latencyMs: z.number().int().min(0),
    error: z.strictObject({ code: z.string(), message: z.string(), retryable: z.boolean() }).optional(),
  })
  .meta({ id: 'DataSourceTestResult' });
export type DataSourceTestResult = z.infer<typeof DataSourceTestResult>;

export const exampleDataSourceRequest = {
  type: 'postgres',
  name: 'Warehouse (read replica)',
  config: {
    host: 'warehouse.postgres.database.azure.com',
    database: 'analytics',
    user: 'report_reader',
    passwordRef: 'secret:warehouse-reader-password',
  },
} as const;
