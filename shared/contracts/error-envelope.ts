import { z } from 'zod';
import { errorCatalog, type AppError } from '../domain/errors';

const errorCodes = Object.keys(errorCatalog) as [keyof typeof errorCatalog, ...(keyof typeof errorCatalog)[]];

/** The body of every non-2xx response. */
export const errorEnvelopeSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
      requestId: z.string(),
      timestamp: z.iso.datetime(),
    }),
  })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The wire form of an AppError. Only code, message and details leave the process — never a stack. */
export function toErrorEnvelope(error: AppError, requestId: string, now: Date): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      details: error.details,
      requestId,
      timestamp: now.toISOString(),
    },
  };
}
