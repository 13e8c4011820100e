import { intlOffsetMs } from '../../domain/scheduling/time-zone';
import type { Column } from '../../ports/data-source';
import { guardCell } from './csv-renderer';

/** How a column's values are written: the cell type and number format follow the source's column type. */
export type CellKind = 'number' | 'date' | 'instant' | 'datetime' | 'text';

/** Column types of PostgreSQL, SQL Server, DuckDB and REST sources, by the cells they become. */
export function cellKindOf(column: Column): CellKind {
  const type = column.type.toLowerCase();
  if (type === 'date') return 'date';
  if (/timestamptz|with time zone|datetimeoffset/.test(type)) return 'instant';
  if (/^(timestamp|datetime|smalldatetime)/.test(type)) return 'datetime';
  if (
    /^(u?(tiny|small|big|huge)?int|integer|int\d|numeric|decimal|double|float|real|number|money|smallmoney)/.test(
      type,
    )
  )
    return 'number';
  return 'text';
}

const isoLike =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** A date/time text's wall-clock fields as UTC milliseconds, and its offset in milliseconds when it has one. */
function parseIsoLike(text: string): { wallMs: number; offsetMs?: number } | undefined {
  const m = isoLike.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const wallMs = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    Number((frac ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  if (Number.isNaN(wallMs)) return undefined;
  if (!zone) return { wallMs };
  if (zone.toUpperCase() === 'Z') return { wallMs, offsetMs: 0 };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  return { wallMs, offsetMs };
}

/** Numbers Excel holds exactly (15 significant digits); longer ones stay text rather than lose digits. */
function isExactNumber(text: string): boolean {
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) return false;
  return text.replace(/[^\d]/g, '').replace(/^0+/, '').length <= 15;
}

/** Quarter hours: every offset change in the time-zone database falls on one. */
const quarterHourMs = 15 * 60_000;

/**
 * Turns staged values into cell values. Excel dates carry no zone, so an instant is written as the wall
 * clock of the report's time zone; a date or a zone-less timestamp is written as it reads. Text gets the
 * same formula-injection guard as CSV; a value that does not fit its column's type is written as text.
 */
export function createCellConverter(timeZone: string) {
  const offsets = new Map<number, number>();
  const offsetAt = (utcMs: number) => {
    const bucket = Math.floor(utcMs / quarterHourMs);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      if (offsets.size > 10_000) offsets.clear();
      offset = intlOffsetMs(timeZone, utcMs);
      offsets.set(bucket, offset);
    }
    return offset;
  };

  function dateValue(kind: CellKind, value: string): Date | undefined {
    const parsed = parseIsoLike(value);
    if (!parsed) return undefined;
    if (kind === 'date' || parsed.offsetMs === undefined) return new Date(parsed.wallMs);
    const utcMs = parsed.wallMs - parsed.offsetMs;
    return new Date(utcMs + offsetAt(utcMs));
  }

  return function cellValue(kind: CellKind, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'bigint') return Number(value);
    if (typeof value === 'string') {
      if (kind === 'number' && isExactNumber(value)) return Number(value);
      if (kind === 'date' || kind === 'instant' || kind === 'datetime') {
        const date = dateValue(kind, value);
        if (date) return date;
      }
    }
    return guardCell(value);
  };
}

/** Excel number formats: dates, date-times and the currency of the report's options. */
export const dateFormat = 'yyyy-mm-dd';
export const dateTimeFormat = 'yyyy-mm-dd hh:mm:ss';

const currencySymbols: Record<string, string> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  JPY: '¥',
  CNY: '¥',
  INR: '₹',
  KRW: '₩',
  CHF: 'CHF ',
  CAD: 'CA$',
  AUD: 'A$',
};

/** Two decimals (none for yen and won), negatives with a minus, the symbol before the number. */
export function currencyFormat(code: string): string {
  const symbol = currencySymbols[code] ?? `${code} `;
  const digits = code === 'JPY' || code === 'KRW' ? '#,##0' : '#,##0.00';
  const quoted = `"${symbol.replaceAll('"', '')}"`;
  return `${quoted}${digits};-${quoted}${digits}`;
}
