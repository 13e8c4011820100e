import { MAX_EXPRESSION_DEPTH, type ExpressionOp, type ExpressionTree } from '../../contracts/transform';
import { ExpressionError } from './expression-error';
import { tokenizeExpression, type Token } from './tokenize-expression';

/** The functions the language knows (a Map: no name reaches an object's prototype). */
const FUNCTIONS = new Map<string, ExpressionOp>([
  ['round', 'round'],
  ['abs', 'abs'],
  ['upper', 'upper'],
  ['lower', 'lower'],
  ['trim', 'trim'],
  ['length', 'length'],
  ['concat', 'concat'],
  ['coalesce', 'coalesce'],
  ['min', 'min'],
  ['max', 'max'],
  ['if', 'if'],
]);
const COMPARISONS = new Map<string, ExpressionOp>([
  ['=', 'eq'],
  ['==', 'eq'],
  ['!=', 'ne'],
  ['<>', 'ne'],
  ['<', 'lt'],
  ['<=', 'lte'],
  ['>', 'gt'],
  ['>=', 'gte'],
]);
const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false', 'null']);
/** Ops whose chains (a + b + c) become one node with several arguments, up to 10. */
const VARIADIC = new Set<ExpressionOp>(['add', 'mul', 'and', 'or']);

function node(op: ExpressionOp, left: ExpressionTree, right: ExpressionTree): ExpressionTree {
  if (VARIADIC.has(op) && 'op' in left && left.op === op && left.args.length < 10)
    return { op, args: [...left.args, right] };
  return { op, args: [left, right] };
}

/**
 * Parses the expression language into an expression tree. Grammar, loosest first:
 *   or: and ('or' and)* · and: not ('and' not)* · not: 'not' not | cmp · cmp: sum (('='|'!='|'<>'|'<'|'<='|'>'|'>=') sum)?
 *   sum: product (('+'|'-') product)* · product: unary (('*'|'/'|'%') unary)* · unary: '-' unary | primary
 *   primary: number | 'string' | true | false | null | name | [column name] | function '(' args ')' | '(' or ')'
 * Keywords are case-insensitive; function names are a fixed list. Nesting (parentheses, calls, unary
 * operators) is bounded by MAX_EXPRESSION_DEPTH, so hostile input cannot exhaust the stack.
 */
export function parseExpression(text: string): ExpressionTree {
  const tokens = tokenizeExpression(text);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos]!;
  const isOp = (value: string) => {
    const t = peek();
    return t.kind === 'op' && t.value === value;
  };
  const isWord = (word: string) => {
    const t = peek();
    return t.kind === 'ident' && t.value.toLowerCase() === word;
  };
  const expect = (value: string) => {
    if (!isOp(value)) throw new ExpressionError(`expects "${value}"`, peek().at);
    pos++;
  };
  const nested = <T>(at: number, parse: () => T): T => {
    if (++depth > MAX_EXPRESSION_DEPTH)
      throw new ExpressionError(`nests deeper than ${MAX_EXPRESSION_DEPTH} levels`, at);
    const result = parse();
    depth--;
    return result;
  };

  function parseOr(): ExpressionTree {
    let left = parseAnd();
    while (isWord('or')) {
      pos++;
      left = node('or', left, parseAnd());
    }
    return left;
  }
  function parseAnd(): ExpressionTree {
    let left = parseNot();
    while (isWord('and')) {
      pos++;
      left = node('and', left, parseNot());
    }
    return left;
  }
  function parseNot(): ExpressionTree {
    if (!isWord('not')) return parseComparison();
    const at = peek().at;
    pos++;
    return nested(at, () => ({ op: 'not', args: [parseNot()] }));
  }
  function parseComparison(): ExpressionTree {
    const left = parseSum();
    const t = peek();
    const op = t.kind === 'op' ? COMPARISONS.get(t.value) : undefined;
    if (!op) return left;
    pos++;
    const right = parseSum();
    const after = peek();
    if (after.kind === 'op' && COMPARISONS.has(after.value))
      throw new ExpressionError('chains comparisons; combine them with and', after.at);
    return { op, args: [left, right] };
  }
  function parseSum(): ExpressionTree {
    let left = parseProduct();
    while (isOp('+') || isOp('-')) {
      const op = (peek() as { value: string }).value === '+' ? 'add' : 'sub';
      pos++;
      left = node(op, left, parseProduct());
    }
    return left;
  }
  function parseProduct(): ExpressionTree {
    let left = parseUnary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const symbol = (peek() as { value: string }).value;
      pos++;
      left = node(symbol === '*' ? 'mul' : symbol === '/' ? 'div' : 'mod', left, parseUnary());
    }
    return left;
  }
  function parseUnary(): ExpressionTree {
    if (!isOp('-')) return parsePrimary();
    const at = peek().at;
    pos++;
    return nested(at, () => {
      const operand = parseUnary();
      return 'value' in operand && typeof operand.value === 'number'
        ? { value: -operand.value }
        : { op: 'neg' as const, args: [operand] };
    });
  }
  function parsePrimary(): ExpressionTree {
    const t = peek();
    if (t.kind === 'number' || t.kind === 'string') {
      pos++;
      return { value: t.value };
    }
    if (t.kind === 'column') {
      pos++;
      return { column: t.value };
    }
    if (t.kind === 'op' && t.value === '(') {
      pos++;
      const inner = nested(t.at, parseOr);
      expect(')');
      return inner;
    }
    if (t.kind !== 'ident')
      throw new ExpressionError(t.kind === 'end' ? 'ends too early' : `has an unexpected "${t.value}"`, t.at);
    pos++;
    const word = t.value.toLowerCase();
    if (isOp('(')) {
      const op = FUNCTIONS.get(word);
      if (!op)
        throw new ExpressionError(
          `calls an unknown function "${t.value}" (known: ${[...FUNCTIONS.keys()].join(', ')})`,
          t.at,
        );
      pos++;
      return nested(t.at, () => {
        const args: ExpressionTree[] = [];
        if (!isOp(')')) {
          do {
            if (args.length >= 10) throw new ExpressionError('passes more than 10 arguments', peek().at);
            if (args.length) pos++;
            args.push(parseOr());
          } while (isOp(','));
        }
        expect(')');
        return { op, args };
      });
    }
    if (word === 'true' || word === 'false') return { value: word === 'true' };
    if (word === 'null') return { value: null };
    if (KEYWORDS.has(word)) throw new ExpressionError(`has "${t.value}" where a value is expected`, t.at);
    return { column: t.value };
  }

  const tree = parseOr();
  const rest = peek();
  if (rest.kind !== 'end')
    throw new ExpressionError(`has an unexpected "${'value' in rest ? String(rest.value) : ''}"`, rest.at);
  return tree;
}
