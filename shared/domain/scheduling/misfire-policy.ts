/**
 * What to do with fires missed while the scheduler was down:
 * - `skip`: fire none, record them all missed;
 * - `fire_once`: one catch-up, for the latest missed fire (within `window` when given);
 * - `fire_all`: catch up each missed fire within `window` of now, at most `cap` of them (the latest).
 * A window is an elapsed time (`PT6H`, `P1D` = 24 hours); years and months are not allowed.
 */
import { z } from 'zod';
import { checkIsoDuration, durationMessage, fixedDurationMs, parseIsoDuration } from './iso-duration';

const Window = z.string().superRefine((text, ctx) => {
  const check = checkIsoDuration(text);
  if (!check.ok) ctx.addIssue({ code: 'custom', message: durationMessage(text, check.reason) });
  else if (fixedDurationMs(check.duration) === null) {
    ctx.addIssue({
      code: 'custom',
      message: durationMessage(text, 'a window is elapsed time: use W, D, H, M or S, not Y or M'),
    });
  }
});

export const MisfirePolicy = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('skip') }),
  z.strictObject({ kind: z.literal('fire_once'), window: Window.optional() }),
  z.strictObject({ kind: z.literal('fire_all'), cap: z.int().min(1).max(1000), window: Window }),
]);
export type MisfirePolicy = z.output<typeof MisfirePolicy>;

/** The policy's window in milliseconds (Infinity when it has none). */
export function misfireWindowMs(policy: MisfirePolicy): number {
  if (policy.kind === 'skip' || policy.window === undefined) return Infinity;
  return fixedDurationMs(parseIsoDuration(policy.window, 'window')) ?? Infinity;
}
