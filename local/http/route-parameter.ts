import type { RouteConstraint } from './route-constraints';

/** One `{...}` of a route template: `{*name:constraint(args):other=default}` or `{name?}`. */
export interface RouteParameter {
  name: string;
  catchAll: boolean;
  optional: boolean;
  defaultValue?: string;
  constraints: RouteConstraint[];
}

type ConstraintFactory = (name: string, rawArgs: string | undefined) => RouteConstraint;

/** Index of the `)` that closes a constraint's arguments: the first one followed by `:`, `=`, `?` or the end. */
function closingParen(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === ')' && (i + 1 === text.length || ':=?'.includes(text[i + 1]!))) return i;
  }
  throw new Error(`Route parameter "{${text}}": unterminated constraint arguments.`);
}

/** Parses the text between `{` and `}` (braces already unescaped). */
export function parseRouteParameter(content: string, createConstraint: ConstraintFactory): RouteParameter {
  let rest = content.trim();
  let catchAll = false;
  if (rest.startsWith('*')) {
    catchAll = true;
    rest = rest.replace(/^\*\*?/, '');
  }
  const nameMatch = /^[^:=?]+/.exec(rest);
  if (!nameMatch) throw new Error(`Route parameter "{${content}}" has no name.`);
  const name = nameMatch[0].trim();
  if (/[/{}*]/.test(name)) throw new Error(`Route parameter name "${name}" is not valid.`);
  rest = rest.slice(nameMatch[0].length);

  const constraints: RouteConstraint[] = [];
  while (rest.startsWith(':')) {
    const constraintName = /^:([A-Za-z0-9_]+)/.exec(rest);
    if (!constraintName) throw new Error(`Route parameter "{${content}}": a constraint has no name.`);
    rest = rest.slice(constraintName[0].length);
    let rawArgs: string | undefined;
    if (rest.startsWith('(')) {
      const close = closingParen(rest, 0);
      rawArgs = rest.slice(1, close);
      rest = rest.slice(close + 1);
    }
    constraints.push(createConstraint(constraintName[1]!, rawArgs));
  }

  let optional = false;
  let defaultValue: string | undefined;
  if (rest === '?') {
    optional = true;
  } else if (rest.startsWith('=')) {
    defaultValue = rest.slice(1);
    if (defaultValue.endsWith('?'))
      throw new Error(`Route parameter "${name}" cannot be both optional and defaulted.`);
  } else if (rest !== '') {
    throw new Error(`Route parameter "{${content}}" has unexpected text "${rest}".`);
  }
  if (catchAll && optional)
    throw new Error(`Catch-all parameter "${name}" cannot be marked optional (it already is).`);
  return { name, catchAll, optional, ...(defaultValue !== undefined ? { defaultValue } : {}), constraints };
}
