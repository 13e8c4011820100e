import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, withLogContext } from './create-logger';
import { hashEmail } from '../../domain/hash-email';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'report-scheduler', level: 'info', destination }) };
}

describe('logger', () => {
  it('writes the spec fields on request-scoped lines', () => {
    const { lines, logger } = capture();
    withLogContext(logger, {
      tenantId: 't1',
      userId: 'u1',
      traceId: 'a'.repeat(32),
      spanId: 'b'.repeat(16),
    }).info({ scheduleId: 's1' }, 'schedule created');
    const line = lines[0]!;
    for (const field of [
      'timestamp',
      'level',
      'service',
      'tenantId',
      'traceId',
      'spanId',
      'userId',
      'message',
    ]) {
      expect(line).toHaveProperty(field);
    }
    expect(line).toMatchObject({
      level: 'info',
      service: 'report-scheduler',
      tenantId: 't1',
      message: 'schedule created',
      scheduleId: 's1',
    });
    expect(new Date(line.timestamp as string).toISOString()).toBe(line.timestamp);
    const unbound = withLogContext(logger, {});
    unbound.warn('no tenant yet');
    expect(lines[1]).toMatchObject({
      level: 'warn',
      tenantId: null,
      userId: null,
      traceId: null,
      spanId: null,
    });
  });

  it('never writes an email address raw, in messages or fields', () => {
    const { lines, logger } = capture();
    logger.info(
      { recipients: ['Ann@Example.com'], nested: { to: 'bob@example.org' } },
      'sent to ann@example.com',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/example\.(com|org)/);
    expect(text).toContain(hashEmail('ann@example.com'));
    expect(hashEmail(' ANN@example.com ')).toBe(hashEmail('ann@example.com'));
    expect(hashEmail('ann@example.com')).toMatch(/^email:sha256:[0-9a-f]{16}$/);
  });

  it('respects the level', () => {
    const { lines, logger } = capture();
    logger.debug('hidden');
    expect(lines).toHaveLength(0);
  });
});
