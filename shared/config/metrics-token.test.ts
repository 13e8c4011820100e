import { describe, expect, it } from 'vitest';
import { parseAppConfig } from './app-config';

const valid = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  AUTH_ISSUER: 'http://localhost:7071/',
  AUTH_AUDIENCE: 'report-scheduler',
  AUTH_JWKS_URL: 'http://localhost:7071/.well-known/jwks.json',
};

describe('METRICS_TOKEN setting', () => {
  it('is optional and kept when long enough', () => {
    expect(parseAppConfig(valid).METRICS_TOKEN).toBeUndefined();
    expect(parseAppConfig({ ...valid, METRICS_TOKEN: 'a-long-enough-token' }).METRICS_TOKEN).toBe(
      'a-long-enough-token',
    );
  });

  it('refuses a short token without echoing it', () => {
    expect(() => parseAppConfig({ ...valid, METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: use at least 16/,
    );
    expect(() => parseAppConfig({ ...valid, METRICS_TOKEN: 'short' })).not.toThrow(/short'/);
  });
});
