/**
 * The `format_date` tokens (a small subset of Unicode date patterns):
 *
 * | token | example | | token | example |
 * |---|---|---|---|---|
 * | `yyyy` | 2026 | | `HH` / `H` | 09 / 9 (00–23) |
 * | `yy` | 26 | | `hh` / `h` | 09 / 9 (1–12) |
 * | `MMMM` / `MMM` | March / Mar | | `mm` | 05 |
 * | `MM` / `M` | 03 / 3 | | `ss` | 07 |
 * | `dd` / `d` | 01 / 1 | | `a` | AM / PM |
 * | `EEEE` / `EEE` | Sunday / Sun | | `zzz` | EST, GMT+1 |
 * | | | | `XXX` | -05:00, +00:00 |
 *
 * Text in single quotes is literal (`''` is a quote); other letters are an error, other characters literal.
 */
export type DateToken =
  | 'yyyy'
  | 'yy'
  | 'MMMM'
  | 'MMM'
  | 'MM'
  | 'M'
  | 'dd'
  | 'd'
  | 'EEEE'
  | 'EEE'
  | 'HH'
  | 'H'
  | 'hh'
  | 'h'
  | 'mm'
  | 'ss'
  | 'a'
  | 'zzz'
  | 'XXX';

export type DatePiece = { literal: string } | { token: DateToken };

const tokens = new Set<string>([
  'yyyy',
  'yy',
  'MMMM',
  'MMM',
  'MM',
  'M',
  'dd',
  'd',
  'EEEE',
  'EEE',
  'HH',
  'H',
  'hh',
  'h',
  'mm',
  'ss',
  'a',
  'zzz',
  'XXX',
]);
const lexer = /'((?:[^']|'')*)'|([A-Za-z])\2*|[^A-Za-z']+/g;

export function compileDateFormat(format: string): DatePiece[] {
  const pieces: DatePiece[] = [];
  for (const match of format.matchAll(lexer)) {
    const [text, quoted, letter] = match;
    if (quoted !== undefined) pieces.push({ literal: quoted.replace(/''/g, "'") });
    else if (letter === undefined) pieces.push({ literal: text });
    else if (tokens.has(text)) pieces.push({ token: text as DateToken });
    else throw new Error(`format_date: unknown token "${text}" in "${format}"`);
  }
  if (format.replace(lexer, '') !== '') throw new Error(`format_date: unclosed quote in "${format}"`);
  return pieces;
}
