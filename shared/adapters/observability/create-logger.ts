import { pino, type DestinationStream, type LevelWithSilent } from 'pino';
import type { Logger } from '../../ports/logger';
import { scrubEmails, scrubEmailsDeep } from '../../domain/hash-email';

export type { Logger } from '../../ports/logger';

export interface LoggerOptions {
  service: string;
  level: LevelWithSilent;
  /** Where lines go (default: stdout). Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/** The correlation fields every request-scoped line carries; null when unknown. */
export interface LogContext {
  tenantId?: string | null;
  userId?: string | null;
  traceId?: string | null;
  spanId?: string | null;
}

/**
 * JSON lines with the spec's required fields: `timestamp` (ISO), `level` (label), `service`, `message`,
 * and — through `withLogContext` — `tenantId`, `userId`, `traceId`, `spanId`. Email addresses in
 * messages and fields are replaced by their hash before a line is written.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      messageKey: 'message',
      base: { service: options.service },
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubEmailsDeep(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubEmails(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ sync: false }),
  );
}

/** A child logger bound to one request's tenant, user and trace; all four fields always present. */
export function withLogContext(logger: Logger, context: LogContext): Logger {
  return logger.child({
    tenantId: context.tenantId ?? null,
    userId: context.userId ?? null,
    traceId: context.traceId ?? null,
    spanId: context.spanId ?? null,
  });
}
