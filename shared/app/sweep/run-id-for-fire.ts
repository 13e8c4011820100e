import { createHash } from 'node:crypto';
import { derivedId } from '../../domain/ids';
import type { DueEntry } from '../../ports/scheduler-store';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The run id of a fire: the same (tenant, schedule, fire time) always names the same run, message and
 * orchestration instance — whether the fire runs or is recorded as missed.
 */
export const runIdForFire = (e: DueEntry): string =>
  derivedId(`${e.tenantId}|${e.scheduleId}|${e.fireTime}`, sha256Hex);
