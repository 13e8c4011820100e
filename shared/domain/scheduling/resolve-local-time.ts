/**
 * The instants a wall-clock time names in a zone: one, two (a fall-back overlap) or none (a spring-forward gap).
 * For a gap the RFC 5545 / Temporal `compatible` answer is given too: the wall time pushed forward by the gap's
 * length, i.e. read with the offset in force before the transition (02:30 on a New York spring-forward night is
 * 03:30 EDT, 07:30Z).
 */
import { DAY_MS } from './local-time';
import { offsetAt } from './zone-offsets';

export type LocalResolution =
  | { kind: 'exact'; utc: number }
  | { kind: 'overlap'; earlier: number; later: number }
  | { kind: 'gap'; shifted: number };

export function resolveLocalTime(timeZone: string, wall: number): LocalResolution {
  const offsetBefore = offsetAt(timeZone, wall - DAY_MS);
  const offsetAfter = offsetAt(timeZone, wall + DAY_MS);
  const byBefore = wall - offsetBefore;
  const beforeFits = offsetAt(timeZone, byBefore) === offsetBefore;
  if (offsetBefore === offsetAfter && beforeFits) return { kind: 'exact', utc: byBefore };
  const byAfter = wall - offsetAfter;
  const afterFits = offsetAt(timeZone, byAfter) === offsetAfter;
  if (beforeFits && afterFits && byBefore !== byAfter) {
    return { kind: 'overlap', earlier: Math.min(byBefore, byAfter), later: Math.max(byBefore, byAfter) };
  }
  if (beforeFits) return { kind: 'exact', utc: byBefore };
  if (afterFits) return { kind: 'exact', utc: byAfter };
  return { kind: 'gap', shifted: byBefore };
}
