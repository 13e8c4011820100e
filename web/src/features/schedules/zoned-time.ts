/** Local date-times in a schedule's zone ↔ instants, with the scheduler's own zone rules (shared/domain). */
import { formatLocalIso, wallMs } from '../../../../shared/domain/scheduling/local-time';
import { resolveLocalTime } from '../../../../shared/domain/scheduling/resolve-local-time';
import { offsetAt } from '../../../../shared/domain/scheduling/zone-offsets';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2025-03-30T02:30` read in `zone` → `2025-03-30T03:30:00+02:00` (a gap pushed forward, an overlap's first). */
export function localToInstant(local: string, zone: string): string | null {
  const m = LOCAL.exec(local.trim());
  if (!m) return null;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = m.slice(1).map((part) => Number(part ?? 0));
  const resolved = resolveLocalTime(zone, wallMs(y, mo, d, h, mi, s));
  const utc =
    resolved.kind === 'exact'
      ? resolved.utc
      : resolved.kind === 'overlap'
        ? resolved.earlier
        : resolved.shifted;
  return formatLocalIso(utc, offsetAt(zone, utc));
}

/** An instant shown as the `datetime-local` value of its wall time in `zone` (`2025-03-30T03:30`). */
export function instantToLocal(instant: string, zone: string): string {
  const utc = Date.parse(instant);
  if (Number.isNaN(utc)) return '';
  return formatLocalIso(utc, offsetAt(zone, utc)).slice(0, 16);
}
