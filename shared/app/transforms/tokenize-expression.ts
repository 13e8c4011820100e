import { MAX_EXPRESSION_LENGTH } from '../../contracts/transform';
import { ExpressionError } from './expression-error';

export type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'ident'; value: string; at: number }
  | { kind: 'column'; value: string; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'end'; at: number };

const OPERATORS = ['==', '!=', '<>', '<=', '>=', '+', '-', '*', '/', '%', '(', ')', ',', '=', '<', '>'];
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

function sticky(re: RegExp, text: string, at: number) {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/**
 * Splits expression text into tokens: numbers, 'strings' ('' escapes a quote), identifiers, [bracketed
 * column names] and operators. Any other character — `.`, `;`, backticks, `{` — is an error at its position.
 */
export function tokenizeExpression(text: string): Token[] {
  if (text.length > MAX_EXPRESSION_LENGTH)
    throw new ExpressionError(`is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const at = i + 1;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = sticky(NUMBER, text, i);
    if (number) {
      if (/[A-Za-z_]/.test(text[i + number.length] ?? ''))
        throw new ExpressionError(
          `has an unexpected character after the number ${number}`,
          at + number.length,
        );
      tokens.push({ kind: 'number', value: Number(number), at });
      i += number.length;
      continue;
    }
    const ident = sticky(IDENT, text, i);
    if (ident) {
      tokens.push({ kind: 'ident', value: ident, at });
      i += ident.length;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new ExpressionError('has a string that is not closed', at);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ kind: 'string', value, at });
      i = j + 1;
      continue;
    }
    if (c === '[') {
      const end = text.indexOf(']', i + 1);
      const name = end < 0 ? '' : text.slice(i + 1, end);
      if (end < 0 || name.trim() === '' || name.length > 128 || name.includes('['))
        throw new ExpressionError('has a [column name] that is not closed or empty', at);
      tokens.push({ kind: 'column', value: name, at });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new ExpressionError(`has an unexpected character "${c}"`, at);
    tokens.push({ kind: 'op', value: op, at });
    i += op.length;
  }
  tokens.push({ kind: 'end', at: text.length + 1 });
  return tokens;
}
