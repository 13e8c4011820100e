import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { retriesExhaustedError, tenantFacingMessage, toRunError } from './run-error';

describe('run errors for tenants', () => {
  it('drop the stack and server paths of a failed activity as Durable reports it', () => {
    // The shape Durable gives an orchestrator: `${reason} \n ${details}`, details being the stack.
    const leaked =
      "Activity function 'extractData' failed: The query timed out \n AppError: The query timed out\n" +
      '    at queryTimedOut (/srv/app/dist/shared/adapters/datasources/query-errors.js:31:12)\n' +
      '    at async Object.query (/srv/app/dist/shared/adapters/datasources/postgres-source.js:88:9)';
    const shown = tenantFacingMessage(leaked);
    expect(shown).toBe("Activity function 'extractData' failed: The query timed out");
    expect(tenantFacingMessage('boom    at queryTimedOut (/srv/app/dist/x.js:1:2)')).toBe('boom');
    expect(tenantFacingMessage("ENOENT: no such file or directory, open '/home/app/.data/x.csv'")).toBe(
      "ENOENT: no such file or directory, open '…'",
    );
    expect(tenantFacingMessage('C:\\app\\dist\\x.js failed')).toBe('… failed');
  });

  it('keep messages written for tenants, URLs included, and bound them', () => {
    for (const message of [
      'GET https://api.example.com/v1/orders?page=2 answered 500',
      'column "regoin" does not exist (line 1, column 8)',
      'The secret "db" is not set for this tenant',
    ])
      expect(tenantFacingMessage(message)).toBe(message);
    expect(tenantFacingMessage('x'.repeat(2000))).toHaveLength(500);
    expect(tenantFacingMessage('\n at x (/a/b.js:1:1)')).toBe('The run failed');
  });

  it('say what to do when retries ran out, and map unknown errors without their text', () => {
    expect(retriesExhaustedError()).toMatchObject({
      code: 'RETRIES_EXHAUSTED',
      suggestedFix: expect.any(String),
    });
    expect(toRunError(new Error('ECONNREFUSED 10.0.0.4:6379'))).toMatchObject({
      code: 'INTERNAL',
      message: 'An unexpected error occurred',
    });
    expect(toRunError(new AppError('QUERY_FAILED', 'bad column', { suggestedFix: 'fix it' }))).toEqual({
      code: 'QUERY_FAILED',
      message: 'bad column',
      suggestedFix: 'fix it',
    });
  });
});
