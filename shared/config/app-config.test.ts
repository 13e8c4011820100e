import { describe, expect, it } from 'vitest';
import { ConfigError, parseAppConfig } from './app-config';

const valid = {
  AzureWebJobsStorage: 'UseDevelopmentStorage=true',
  AUTH_ISSUER: 'http://localhost:7071/',
  AUTH_AUDIENCE: 'report-scheduler',
  AUTH_JWKS_URL: 'http://localhost:7071/.well-known/jwks.json',
};

describe('app config', () => {
  it('applies defaults and freezes the result', () => {
    const config = parseAppConfig(valid);
    expect(config.LOCAL_MODE).toBe(false);
    expect(config.MAX_REQUEST_BYTES).toBe(1024 * 1024);
    expect(config.AUTH_ALGORITHMS).toEqual(['RS256']);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('lists every problem in one message', () => {
    let error: unknown;
    try {
      parseAppConfig({ AUTH_ISSUER: 'not a url', MAX_REQUEST_BYTES: 'lots', AUTH_ALGORITHMS: 'none' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'AzureWebJobsStorage',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
      'AUTH_JWKS_URL',
      'MAX_REQUEST_BYTES',
      'AUTH_ALGORITHMS',
    ]) {
      expect(problems).toContain(name);
    }
    expect((error as Error).message).toMatch(/^Invalid configuration \(6 problems\)/);
  });

  it('refuses the none algorithm and parses booleans', () => {
    expect(() => parseAppConfig({ ...valid, AUTH_ALGORITHMS: 'RS256,none' })).toThrow(/AUTH_ALGORITHMS/);
    expect(parseAppConfig({ ...valid, LOCAL_MODE: 'true' }).LOCAL_MODE).toBe(true);
  });

  it('reads the web app settings, redirect origins as bare origins', () => {
    const config = parseAppConfig({
      ...valid,
      WEB_REDIRECT_ORIGINS: 'http://localhost:5173/, https://app.test',
    });
    expect(config.WEB_REDIRECT_ORIGINS).toEqual(['http://localhost:5173', 'https://app.test']);
    expect(config.WEB_CLIENT_ID).toBe('report-scheduler-web');
    expect(config.WEB_SCOPES).toBe('openid profile');
    expect(config.WEB_API_BASE_URL).toBe('/api/v1');
    expect(() => parseAppConfig({ ...valid, WEB_REDIRECT_ORIGINS: 'https://app.test/callback' })).toThrow(
      /WEB_REDIRECT_ORIGINS/,
    );
  });
});
