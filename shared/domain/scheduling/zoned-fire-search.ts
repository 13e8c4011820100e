/**
 * The next fire of a wall-clock pattern in a zone, with the DST policy applied.
 *
 * A wall time can name no instant (a spring-forward gap), one, or two (a fall-back overlap), and a gap time
 * shifted forward lands after later wall times (02:30 → 03:30 comes after 03:00), so wall order is not instant
 * order near a transition. The search therefore starts at the earliest wall time that could still map after
 * `after` (after + the lowest nearby offset) and keeps going until no later wall time could beat the best fire
 * found (best + the highest nearby offset). Away from transitions that is one or two pattern steps.
 */
import type { FireContext, FireInstant } from './fire';
import type { LocalPattern } from './local-pattern';
import { DAY_MS } from './local-time';
import { resolveLocalTime } from './resolve-local-time';
import type { DstPolicy } from './schedule-rule';
import { offsetAt } from './zone-offsets';

export function nextZonedFire(
  pattern: LocalPattern,
  timeZone: string,
  dst: DstPolicy,
  after: number,
  context: FireContext,
  until = Infinity,
): FireInstant | null {
  const lowestOffset = Math.min(...nearbyOffsets(timeZone, after));
  let best: FireInstant | null = null;
  let wallBound = until + DAY_MS; // no offset exceeds a day: later wall times are past `until`
  let wall = pattern.nextAtOrAfter(after + lowestOffset, context);
  while (wall !== null && wall <= wallBound) {
    for (const fire of firesOfWallTime(timeZone, wall, dst, pattern.everyHour)) {
      if (fire.utc <= after) continue;
      if (best === null || fire.utc < best.utc || (fire.utc === best.utc && !fire.dstAdjusted)) {
        best = fire;
        wallBound = Math.min(wallBound, best.utc + Math.max(...nearbyOffsets(timeZone, best.utc)));
      }
    }
    wall = pattern.nextAtOrAfter(wall + 1, context);
  }
  return best !== null && best.utc <= until ? best : null;
}

const nearbyOffsets = (timeZone: string, utc: number): number[] => [
  offsetAt(timeZone, utc - DAY_MS),
  offsetAt(timeZone, utc),
  offsetAt(timeZone, utc + DAY_MS),
];

/** The instants one wall time fires at: the DST policy for a specific hour, every real instant for every-hour crons. */
export function firesOfWallTime(
  timeZone: string,
  wall: number,
  dst: DstPolicy,
  everyHour: boolean,
): FireInstant[] {
  const resolved = resolveLocalTime(timeZone, wall);
  switch (resolved.kind) {
    case 'exact':
      return [{ utc: resolved.utc }];
    case 'overlap':
      return everyHour || dst.overlap === 'both'
        ? [{ utc: resolved.earlier }, { utc: resolved.later, dstAdjusted: 'second_occurrence' }]
        : [{ utc: resolved.earlier }];
    case 'gap':
      return everyHour || dst.gap === 'skip'
        ? []
        : [{ utc: resolved.shifted, dstAdjusted: 'shifted_forward' }];
  }
}
