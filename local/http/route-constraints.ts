/**
 * ASP.NET Core inline route constraints (`{id:int}`, `{name:minlength(3)}`, `{x:regex(^a+$)}`), as the
 * Functions host evaluates them: invariant culture, regex case-insensitive and unanchored.
 */
export type RouteConstraint = (value: string) => boolean;

const int32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const int64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

function integerIn(range: { min: bigint; max: bigint }): RouteConstraint {
  return (value) => {
    if (!/^[+-]?\d+$/.test(value)) return false;
    const n = BigInt(value);
    return n >= range.min && n <= range.max;
  };
}

const guidPatterns = [
  /^[0-9a-f]{32}$/i,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i,
  /^\([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$/i,
];

const decimalPattern = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const floatPattern = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isDateTime(value: string): boolean {
  // DateTime.TryParse (invariant) accepts ISO dates and US-style dates; both need digits and a separator.
  if (!/^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?([ T].*)?$/.test(value)) return false;
  return !Number.isNaN(Date.parse(value));
}

function integerArgs(name: string, args: string[], count: number[]): number[] {
  if (!count.includes(args.length))
    throw new Error(`Route constraint "${name}" needs ${count.join(' or ')} argument(s).`);
  return args.map((a) => {
    if (!/^-?\d+$/.test(a.trim()))
      throw new Error(`Route constraint "${name}" has a non-integer argument "${a}".`);
    return Number(a.trim());
  });
}

const simpleConstraints: Record<string, RouteConstraint> = {
  int: integerIn(int32),
  long: integerIn(int64),
  guid: (v) => guidPatterns.some((p) => p.test(v)),
  bool: (v) => /^(true|false)$/i.test(v),
  alpha: (v) => /^[a-z]*$/i.test(v),
  datetime: isDateTime,
  decimal: (v) => decimalPattern.test(v),
  double: (v) => floatPattern.test(v),
  float: (v) => floatPattern.test(v),
};

const isLong = integerIn(int64);

/** Builds one constraint from its name and raw argument text (the text between the parentheses). */
export function createRouteConstraint(name: string, rawArgs: string | undefined): RouteConstraint {
  const key = name.toLowerCase();
  const simple = simpleConstraints[key];
  if (simple) {
    if (rawArgs !== undefined) throw new Error(`Route constraint "${name}" takes no arguments.`);
    return simple;
  }
  const args = rawArgs === undefined ? [] : rawArgs.split(',');
  switch (key) {
    case 'minlength': {
      const [min = 0] = integerArgs(name, args, [1]);
      return (v) => v.length >= min;
    }
    case 'maxlength': {
      const [max = 0] = integerArgs(name, args, [1]);
      return (v) => v.length <= max;
    }
    case 'length': {
      const [a = 0, b] = integerArgs(name, args, [1, 2]);
      return b === undefined ? (v) => v.length === a : (v) => v.length >= a && v.length <= b;
    }
    case 'min': {
      const [min = 0] = integerArgs(name, args, [1]);
      return (v) => isLong(v) && BigInt(v) >= BigInt(min);
    }
    case 'max': {
      const [max = 0] = integerArgs(name, args, [1]);
      return (v) => isLong(v) && BigInt(v) <= BigInt(max);
    }
    case 'range': {
      const [min = 0, max = 0] = integerArgs(name, args, [2]);
      return (v) => isLong(v) && BigInt(v) >= BigInt(min) && BigInt(v) <= BigInt(max);
    }
    case 'regex': {
      if (rawArgs === undefined) throw new Error('Route constraint "regex" needs a pattern.');
      const pattern = new RegExp(rawArgs, 'i');
      return (v) => pattern.test(v);
    }
    default:
      throw new Error(`Unknown route constraint "${name}".`);
  }
}
