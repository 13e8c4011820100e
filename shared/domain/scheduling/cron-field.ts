/**
 * One field of a cron expression: `*`, `?`, numbers and names, ranges `a-b`, steps `*\/n`, `a/n`, `a-b/n`, and
 * comma lists. Parsed into a "next allowed value" table: `next[v]` is the smallest allowed value ≥ v, or -1.
 */
export type CronFieldName = 'second' | 'minute' | 'hour' | 'day-of-month' | 'month' | 'day-of-week';

export interface CronFieldSpec {
  name: CronFieldName;
  min: number;
  /** The highest value `*` stands for. */
  max: number;
  /** The highest value that may be written (day-of-week accepts 7 for Sunday). */
  writableMax: number;
  names?: readonly string[];
  /** Day fields accept `?` as a synonym of `*`. */
  question?: boolean;
}

export interface CronField {
  next: Int8Array;
  /** Written as `*` or `?`: unrestricted, which matters for the day-of-month / day-of-week rule. */
  star: boolean;
}

export type CronFieldResult = { ok: true; field: CronField } | { ok: false; reason: string };

const unsupported = /[LW#]/i;

export function parseCronField(text: string, spec: CronFieldSpec): CronFieldResult {
  if (text === '*' || (spec.question && text === '?'))
    return { ok: true, field: toField(spec, range(spec.min, spec.max), true) };
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const parsed = parseItem(item, spec);
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    for (const v of parsed) values.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
  }
  return { ok: true, field: toField(spec, [...values], false) };
}

function parseItem(item: string, spec: CronFieldSpec): number[] | string {
  if (item === '') return 'a list has an empty item';
  const [base = '', step, extra] = item.split('/');
  if (extra !== undefined) return `"${item}" has more than one "/"`;
  let values: number[];
  if (base === '*') values = range(spec.min, spec.max);
  else if (base === '?') {
    return spec.question ? '"?" can only stand alone' : '"?" is allowed only in day-of-month and day-of-week';
  } else {
    const [fromText = '', toText, more] = base.split('-');
    if (more !== undefined) return `"${base}" is not a range (write a-b)`;
    const from = parseValue(fromText, spec);
    if (typeof from === 'string') return from;
    let to = step === undefined ? from : spec.max;
    if (toText !== undefined) {
      const parsedTo = parseValue(toText, spec);
      if (typeof parsedTo === 'string') return parsedTo;
      // SUN is both 0 and 7: FRI-SUN means 5-7.
      to = spec.name === 'day-of-week' && parsedTo === 0 && from > 0 ? 7 : parsedTo;
      if (to < from) return `range ${base} runs backwards (${from} > ${to})`;
    }
    values = range(from, to);
  }
  if (step === undefined) return values;
  if (!/^\d+$/.test(step) || Number(step) === 0) return `step "${step}" must be a positive whole number`;
  const n = Number(step);
  const span = spec.max - spec.min + 1;
  if (n > span) return `step ${n} is larger than the ${span} values the field has`;
  return values.filter((_, i) => i % n === 0);
}

function parseValue(text: string, spec: CronFieldSpec): number | string {
  if (/^\d+$/.test(text)) {
    const v = Number(text);
    if (v < spec.min || v > spec.writableMax) return `${v} is out of range ${spec.min}-${spec.writableMax}`;
    return v;
  }
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + spec.min;
  if (unsupported.test(text)) {
    return `"${text}": L, W and # are not supported; use a calendar schedule for last/nth weekdays and business days`;
  }
  if (text === '') return 'a value is missing';
  const hint = spec.names ? ` or a name (${spec.names[0]}…${spec.names[spec.names.length - 1]})` : '';
  return `"${text}" is not a number${hint}`;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

function toField(spec: CronFieldSpec, values: readonly number[], star: boolean): CronField {
  const next = new Int8Array(spec.writableMax + 2).fill(-1);
  const allowed = new Set(values);
  for (let v = spec.writableMax, upcoming = -1; v >= 0; v--) {
    if (allowed.has(v)) upcoming = v;
    next[v] = upcoming;
  }
  return { next, star };
}
