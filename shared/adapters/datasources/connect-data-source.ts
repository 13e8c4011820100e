import type { DataSourceDefinition, DataSourceSettings } from '../../contracts/data-source';
import { AppError, isAppError } from '../../domain/errors';
import type { OutboundHttpClient } from '../http/outbound-http-client';
import type { OutboundPolicy } from '../http/outbound-policy';
import type { ConnectedSource } from './connected-source';
import { createMssqlSource } from './mssql-source';
import { createPostgresSource } from './postgres-source';
import { createRestSource } from './rest-source';
import type { SecretResolver } from '../../app/secrets/secret-resolver';

export interface DataSourceConnectorDeps {
  policy: OutboundPolicy;
  http: OutboundHttpClient;
  secrets: SecretResolver;
}

export interface DataSourceConnector {
  /** Refuses (OUTBOUND_BLOCKED, naming the field) a host or URL the SSRF guard would never reach. */
  check(input: DataSourceSettings): void;
  /** Opens the connection a definition describes (secrets read now, never kept in the definition). */
  connect(definition: DataSourceDefinition): Promise<ConnectedSource>;
}

function atField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (isAppError(err)) err.details.field = field;
    throw err;
  }
}

export function createDataSourceConnector(deps: DataSourceConnectorDeps): DataSourceConnector {
  const { policy } = deps;

  function check(settings: DataSourceSettings) {
    if (settings.type === 'rest') {
      atField('config.url', () => policy.checkUrl(settings.config.url));
      return;
    }
    const { config } = settings;
    const host = atField('config.host', () => policy.checkHost(config.host, config.port));
    if (
      settings.type === 'postgres' &&
      settings.config.ssl === 'disable' &&
      !policy.isAllowlisted(host, config.port)
    )
      throw new AppError(
        'VALIDATION_ERROR',
        'ssl "disable" is allowed only for a host:port in OUTBOUND_ALLOWLIST',
        {
          field: 'config.ssl',
        },
      );
  }

  return {
    check,
    async connect(definition) {
      check(definition);
      switch (definition.type) {
        case 'postgres': {
          const c = definition.config;
          return createPostgresSource({
            host: c.host,
            port: c.port,
            database: c.database,
            user: c.user,
            ...(c.passwordRef
              ? { password: await deps.secrets.resolve(definition.tenantId, c.passwordRef) }
              : {}),
            ssl: c.ssl,
            statementTimeoutMs: c.statementTimeoutMs,
            maxConnections: c.maxConnections,
            policy,
          });
        }
        case 'mssql': {
          const c = definition.config;
          return createMssqlSource({
            host: c.host,
            port: c.port,
            database: c.database,
            authentication:
              c.authentication === 'sql'
                ? {
                    type: 'sql',
                    user: c.user ?? '',
                    password: await deps.secrets.resolve(definition.tenantId, c.passwordRef ?? ''),
                  }
                : { type: 'managed-identity' },
            requestTimeoutMs: c.requestTimeoutMs,
            maxConnections: c.maxConnections,
            policy,
          });
        }
        case 'rest': {
          const c = definition.config;
          const secret = c.auth
            ? await deps.secrets.resolve(definition.tenantId, c.auth.secretRef)
            : undefined;
          return createRestSource({
            url: c.url,
            method: c.method,
            ...(c.body ? { body: c.body } : {}),
            ...(c.auth && secret !== undefined
              ? {
                  auth: {
                    header: c.auth.header,
                    value:
                      `${c.auth.scheme ?? (c.auth.header === 'authorization' ? 'Bearer' : '')} ${secret}`.trim(),
                  },
                }
              : {}),
            rowsPath: c.rowsPath,
            pagination: c.pagination,
            maxPages: c.maxPages,
            maxResponseBytes: c.maxResponseBytes,
            http: deps.http,
          });
        }
      }
    },
  };
}
