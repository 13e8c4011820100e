/**
 * The preview's rows: the fires under the default DST policy (what `GET /schedules/preview` answers), with the
 * chosen policy applied and explained inline — a spring-forward time shifted or skipped, a fall-back time run
 * once or twice.
 */
import type { DstPolicy } from '../../../../shared/domain/scheduling/schedule-rule';
import { resolveLocalTime } from '../../../../shared/domain/scheduling/resolve-local-time';
import { offsetAt } from '../../../../shared/domain/scheduling/zone-offsets';

export interface PreviewFire {
  utc: string;
  local: string;
  dstAdjusted?: 'shifted_forward' | 'second_occurrence';
}

export type FireRowStatus = 'runs' | 'shifted' | 'skipped' | 'twice';

export interface FireRow {
  utc: string;
  status: FireRowStatus;
  /** One sentence on what DST does to this fire under the policy; absent for an ordinary fire. */
  note?: string;
}

const HOUR_MS = 3_600_000;

function day(utc: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(utc);
}
function clock(utc: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(utc);
}
/** The wall clock `HH:mm` a gap-shifted fire was meant for: its time with the offset before the jump. */
function intendedClock(utc: number, zone: string): string {
  const before = offsetAt(zone, utc - 6 * HOUR_MS);
  const wall = new Date(utc + before);
  return `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
}

/** Rows for the first `count` fires that run, with skipped fires shown in place. */
export function annotateFires(
  fires: readonly PreviewFire[],
  zone: string,
  policy: DstPolicy,
  count: number,
): FireRow[] {
  const rows: FireRow[] = [];
  const known = new Set(fires.map((fire) => Date.parse(fire.utc)));
  let running = 0;
  for (const fire of fires) {
    if (running >= count) break;
    const utc = Date.parse(fire.utc);
    if (fire.dstAdjusted === 'shifted_forward') {
      const meant = intendedClock(utc, zone);
      if (policy.gap === 'skip') {
        rows.push({
          utc: fire.utc,
          status: 'skipped',
          note: `${meant} does not exist on ${day(utc, zone)} (clocks go forward); skipped by your DST policy.`,
        });
        continue;
      }
      rows.push({
        utc: fire.utc,
        status: 'shifted',
        note: `${meant} does not exist on ${day(utc, zone)} (clocks go forward); runs at ${clock(utc, zone)}.`,
      });
      running += 1;
      continue;
    }
    if (fire.dstAdjusted === 'second_occurrence') {
      rows.push({
        utc: fire.utc,
        status: 'twice',
        note: `The second ${clock(utc, zone)} of ${day(utc, zone)} (clocks went back).`,
      });
      running += 1;
      continue;
    }
    const resolution = resolveLocalTime(zone, utc + offsetAt(zone, utc));
    if (resolution.kind === 'overlap' && resolution.earlier === utc) {
      const both = policy.overlap === 'both';
      const at = clock(utc, zone);
      rows.push({
        utc: fire.utc,
        status: both ? 'twice' : 'runs',
        note: `${at} happens twice on ${day(utc, zone)} (clocks go back); ${both ? 'runs at both.' : 'runs once, at the first.'}`,
      });
      running += 1;
      if (both && !known.has(resolution.later) && running < count) {
        rows.push({
          utc: new Date(resolution.later).toISOString(),
          status: 'twice',
          note: `The second ${at} of ${day(utc, zone)}.`,
        });
        running += 1;
      }
      continue;
    }
    rows.push({ utc: fire.utc, status: 'runs' });
    running += 1;
  }
  return rows;
}
