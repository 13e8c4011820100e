import pg from 'pg';

/** Names of the common PostgreSQL type OIDs, for `Column.type`. */
const typeNames: Record<number, string> = {
  16: 'boolean',
  17: 'bytea',
  18: 'char',
  19: 'name',
  20: 'bigint',
  21: 'smallint',
  23: 'integer',
  25: 'text',
  26: 'oid',
  114: 'json',
  700: 'real',
  701: 'double precision',
  1042: 'char',
  1043: 'varchar',
  1082: 'date',
  1083: 'time',
  1114: 'timestamp',
  1184: 'timestamptz',
  1186: 'interval',
  1700: 'numeric',
  2950: 'uuid',
  3802: 'jsonb',
};

export const postgresTypeName = (oid: number) => typeNames[oid] ?? `oid:${oid}`;

const significantDigits = (text: string) => text.replace(/^[-+]?0*|\.|e.*$/gi, '').replace(/^0+/, '').length;

/** bigint as a number while it is exact, else the digits as a string. */
function parseBigint(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** numeric as a number while a double holds it (≤ 15 significant digits), else the exact digits. */
function parseNumeric(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) && significantDigits(text) <= 15 ? n : text;
}

const defaultTimestamptz = pg.types.getTypeParser(1184) as (text: string) => unknown;

/**
 * Rows come out JSON-ready (they are staged as NDJSON): exact integers as numbers, `date` as
 * `YYYY-MM-DD` (no shift through the local time zone), `timestamp` as ISO without zone, `timestamptz` as
 * ISO in UTC; everything else as pg parses it (json/jsonb parsed, arrays as arrays).
 */
export const postgresTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    switch (oid) {
      case 20:
        return parseBigint;
      case 1700:
        return parseNumeric;
      case 1082:
        return (text: string) => text;
      case 1114:
        return (text: string) => text.replace(' ', 'T');
      case 1184:
        return (text: string) => {
          const value = defaultTimestamptz(text);
          return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : text;
        };
      default:
        return pg.types.getTypeParser(oid, format ?? 'text') as (text: string) => unknown;
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};
