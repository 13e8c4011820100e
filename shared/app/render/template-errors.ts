import { AssertionError, LiquidError } from 'liquidjs';
import { AppError } from '../../domain/errors';

export type TemplatePart = 'body' | 'header' | 'footer';

/** Thrown by our own guards (output size, chart size); liquidjs reports it with the failing position. */
export class TemplateLimitExceeded extends Error {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateLimitExceeded';
  }
}

/** liquidjs' own limiters throw AssertionError('<resource> limit exceeded'). */
const liquidLimits: Record<string, string> = {
  'parse length': 'parse',
  'template render': 'render-time',
  'memory alloc': 'memory',
};

function limitOf(err: unknown): string | undefined {
  if (err instanceof TemplateLimitExceeded) return err.limit;
  if (err instanceof AssertionError) {
    const resource = /^(.*) limit exceeded/.exec(err.message)?.[1];
    return resource === undefined ? undefined : liquidLimits[resource];
  }
  // V8's own ceilings, reached by a template that outruns the budgets above.
  if (err instanceof RangeError && /Invalid string length|Invalid array length|call stack/.test(err.message))
    return 'memory';
  return undefined;
}

/** liquidjs appends `, line:L, col:C` (and `, file:F`) to messages; we report the position as fields. */
function bareMessage(message: string): string {
  return message.replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, '').split('\n')[0] ?? message;
}

/**
 * Maps whatever a parse or render threw to a permanent AppError: TEMPLATE_LIMIT for an exceeded budget,
 * TEMPLATE_ERROR (syntax, unknown variable or filter, bad filter argument) with line and column.
 */
export function toTemplateError(err: unknown, part: TemplatePart): AppError {
  const liquid = LiquidError.is(err) ? err : undefined;
  const original = liquid?.originalError ?? err;
  const [line, column] = liquid ? liquid.token.getPosition() : [];
  const where = line === undefined ? part : `${part} line ${line}, column ${column}`;
  const position = line === undefined ? {} : { line, column };
  const limit = limitOf(original);
  if (limit !== undefined) {
    return new AppError(
      'TEMPLATE_LIMIT',
      `Template ${where}: ${bareMessage(original instanceof Error ? original.message : String(original))}`,
      { part, limit, ...position },
      { cause: err },
    );
  }
  const message = bareMessage(err instanceof Error ? err.message : String(err));
  return new AppError(
    'TEMPLATE_ERROR',
    `Template ${where}: ${message}`,
    { part, ...position, message },
    {
      cause: err,
    },
  );
}
