import { describe, expect, it } from 'vitest';
import { DataSourceRequest } from '../../../../shared/contracts/data-source';
import { dataSourceRequest, emptyDataSource } from './data-source-form';

describe('data source form', () => {
  it('a local PostgreSQL without password passes the contract, with its defaults', () => {
    const body = DataSourceRequest.parse(
      dataSourceRequest({
        ...emptyDataSource(),
        name: 'Local',
        host: '127.0.0.1',
        port: '5432',
        database: 'test',
        user: 'postgres',
        ssl: 'disable',
      }),
    );
    expect(body).toMatchObject({
      type: 'postgres',
      config: { host: '127.0.0.1', port: 5432, maxConnections: 5 },
    });
  });

  it('a password typed where a reference belongs is refused on its field', () => {
    const result = DataSourceRequest.safeParse(
      dataSourceRequest({
        ...emptyDataSource(),
        name: 'x',
        host: 'db',
        database: 'd',
        user: 'u',
        passwordRef: 'hunter2hunter2hunter2',
      }),
    );
    // Both the reference's shape and its namespace check speak about the one field.
    expect(new Set(result.error?.issues.map((i) => i.path.join('.')))).toEqual(
      new Set(['config.passwordRef']),
    );
  });

  it('a SQL login on SQL Server needs a user', () => {
    const result = DataSourceRequest.safeParse(
      dataSourceRequest({
        ...emptyDataSource(),
        type: 'mssql',
        name: 'x',
        host: 'db',
        database: 'd',
        passwordRef: 'secret:PW',
      }),
    );
    expect(result.error?.issues[0]?.path).toEqual(['config', 'user']);
  });
});
