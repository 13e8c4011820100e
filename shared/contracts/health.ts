import { z } from 'zod';

export const healthSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Health' });

export const probeResultSchema = z.strictObject({
  ok: z.boolean(),
  durationMs: z.number().nonnegative(),
  error: z.enum(['timeout', 'failed']).optional(),
});
export type ProbeResult = z.infer<typeof probeResultSchema>;

export const readinessSchema = z
  .strictObject({
    status: z.enum(['ready', 'not_ready']),
    probes: z.record(z.string(), probeResultSchema),
  })
  .meta({ id: 'Readiness' });
export type Readiness = z.infer<typeof readinessSchema>;
