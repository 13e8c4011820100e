import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './export-sections';

describe('a definition as exported', () => {
  it('keeps secret:NAME references and drops any other value under a secret-like name, at any depth', () => {
    expect(
      withoutSecrets({
        name: 'Warehouse',
        config: {
          host: 'db.example.com',
          passwordRef: 'secret:warehouse-password',
          password: 'hunter2',
          connectionString: 'Server=x;Password=hunter2',
          headers: [{ name: 'Authorization', secretRef: 'secret:api-token' }, { apiKey: 'k-123' }],
          botToken: 'xoxb-123',
        },
      }),
    ).toEqual({
      name: 'Warehouse',
      config: {
        host: 'db.example.com',
        passwordRef: 'secret:warehouse-password',
        headers: [{ name: 'Authorization', secretRef: 'secret:api-token' }, {}],
      },
    });
  });
});
