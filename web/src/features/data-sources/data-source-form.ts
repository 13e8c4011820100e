import type { DataSourceDefinition, DataSourceType } from '../../../../shared/contracts/data-source';
import { optional } from '../../ui/crud/form-values';

/** The fields people set for each kind of source; the contract's defaults cover the rest (pool size, limits). */
export interface DataSourceModel {
  type: DataSourceType;
  name: string;
  description: string;
  host: string;
  port: string;
  database: string;
  user: string;
  passwordRef: string;
  ssl: 'verify-full' | 'require' | 'disable';
  authentication: 'sql' | 'managed-identity';
  url: string;
  method: 'GET' | 'POST';
  authSecretRef: string;
  rowsPath: string;
}

export const emptyDataSource = (): DataSourceModel => ({
  type: 'postgres',
  name: '',
  description: '',
  host: '',
  port: '',
  database: '',
  user: '',
  passwordRef: '',
  ssl: 'verify-full',
  authentication: 'sql',
  url: '',
  method: 'GET',
  authSecretRef: '',
  rowsPath: '$',
});

export function dataSourceToModel(d: DataSourceDefinition): DataSourceModel {
  const m = { ...emptyDataSource(), type: d.type, name: d.name, description: d.description };
  switch (d.type) {
    case 'postgres':
      return {
        ...m,
        host: d.config.host,
        port: String(d.config.port),
        database: d.config.database,
        user: d.config.user,
        passwordRef: d.config.passwordRef ?? '',
        ssl: d.config.ssl,
      };
    case 'mssql':
      return {
        ...m,
        host: d.config.host,
        port: String(d.config.port),
        database: d.config.database,
        user: d.config.user ?? '',
        passwordRef: d.config.passwordRef ?? '',
        authentication: d.config.authentication,
      };
    case 'rest':
      return {
        ...m,
        url: d.config.url,
        method: d.config.method,
        authSecretRef: d.config.auth?.secretRef ?? '',
        rowsPath: d.config.rowsPath,
      };
  }
}

const portOf = (text: string) => (optional(text) === undefined ? undefined : Number(text));

/**
 * The request body. Editing keeps the stored config's other settings (`base`), so a form that does not
 * show a field (pool size, pagination) does not reset it.
 */
export function dataSourceRequest(m: DataSourceModel, base?: DataSourceDefinition): unknown {
  const kept = base && base.type === m.type ? (base.config as Record<string, unknown>) : {};
  const common = { type: m.type, name: m.name, description: optional(m.description) };
  switch (m.type) {
    case 'postgres':
      return {
        ...common,
        config: {
          ...kept,
          host: m.host.trim(),
          port: portOf(m.port),
          database: m.database.trim(),
          user: m.user.trim(),
          passwordRef: optional(m.passwordRef),
          ssl: m.ssl,
        },
      };
    case 'mssql':
      return {
        ...common,
        config: {
          ...kept,
          host: m.host.trim(),
          port: portOf(m.port),
          database: m.database.trim(),
          authentication: m.authentication,
          user: m.authentication === 'sql' ? optional(m.user) : undefined,
          passwordRef: m.authentication === 'sql' ? optional(m.passwordRef) : undefined,
        },
      };
    case 'rest':
      return {
        ...common,
        config: {
          ...kept,
          url: m.url.trim(),
          method: m.method,
          auth: optional(m.authSecretRef) ? { secretRef: m.authSecretRef.trim() } : undefined,
          rowsPath: optional(m.rowsPath) ?? '$',
        },
      };
  }
}

export function describeDataSource(d: DataSourceDefinition): string {
  switch (d.type) {
    case 'postgres':
      return `PostgreSQL ${d.config.user}@${d.config.host}:${d.config.port}/${d.config.database}`;
    case 'mssql':
      return `SQL Server ${d.config.host}:${d.config.port}/${d.config.database}`;
    case 'rest':
      return `REST ${d.config.method} ${d.config.url}`;
  }
}
