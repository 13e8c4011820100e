import { createRouteConstraint } from './route-constraints';
import { parseRouteParameter, type RouteParameter } from './route-parameter';

/**
 * ASP.NET Core route templates as the Functions host uses them: literal segments (case-insensitive),
 * parameters `{id}`, optional `{id?}`, defaults `{x=5}`, catch-all `{*rest}` / `{**rest}`, inline
 * constraints `{id:int:min(1)}`, complex segments `{name}.{ext}`; `{{` and `}}` escape braces.
 */
export type RoutePart = { kind: 'literal'; text: string } | { kind: 'parameter'; param: RouteParameter };

export interface RouteSegment {
  parts: RoutePart[];
  /** For complex segments (more than one part): regexes that split the segment into parameter values. */
  patterns?: ComplexPattern[];
}

interface ComplexPattern {
  regex: RegExp;
  params: RouteParameter[];
}

export interface RouteTemplate {
  template: string;
  segments: RouteSegment[];
  /** ASP.NET Core inbound precedence digits, one per segment: lower sorts first. */
  precedence: number[];
}

function scanSegments(template: string): RoutePart[][] {
  const segments: RoutePart[][] = [[]];
  let literal = '';
  const flush = () => {
    if (literal) segments[segments.length - 1]!.push({ kind: 'literal', text: literal });
    literal = '';
  };
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === '/') {
      flush();
      segments.push([]);
      i++;
    } else if ((c === '{' || c === '}') && template[i + 1] === c) {
      literal += c;
      i += 2;
    } else if (c === '}') {
      throw new Error(`Route template "${template}": unmatched "}".`);
    } else if (c === '{') {
      flush();
      let content = '';
      let j = i + 1;
      for (;;) {
        const d = template[j];
        if (d === undefined) throw new Error(`Route template "${template}": unterminated parameter.`);
        if ((d === '{' || d === '}') && template[j + 1] === d) {
          content += d;
          j += 2;
        } else if (d === '}') {
          break;
        } else if (d === '{') {
          throw new Error(`Route template "${template}": "{" inside a parameter must be written "{{".`);
        } else {
          content += d;
          j++;
        }
      }
      segments[segments.length - 1]!.push({
        kind: 'parameter',
        param: parseRouteParameter(content, createRouteConstraint),
      });
      i = j + 1;
    } else {
      literal += c;
      i++;
    }
  }
  flush();
  return segments;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function complexPattern(parts: RoutePart[]): ComplexPattern {
  const source = parts.map((p) => (p.kind === 'literal' ? escapeRegex(p.text) : '(.+)')).join('');
  return {
    regex: new RegExp(`^${source}$`, 'i'),
    params: parts.flatMap((p) => (p.kind === 'parameter' ? [p.param] : [])),
  };
}

/** `{name}.{ext?}`: try with the optional tail first, then without it (as ASP.NET Core does). */
function complexPatterns(parts: RoutePart[]): ComplexPattern[] {
  const last = parts[parts.length - 1]!;
  const withTail = complexPattern(parts);
  if (last.kind !== 'parameter' || !last.param.optional) return [withTail];
  return [withTail, complexPattern(parts.slice(0, -2))];
}

function precedenceDigit(segment: RouteSegment): number {
  if (segment.parts.length > 1) return 2;
  const part = segment.parts[0]!;
  if (part.kind === 'literal') return 1;
  const digit = part.param.catchAll ? 5 : 3;
  return part.param.constraints.length > 0 ? digit - 1 : digit;
}

function validate(template: string, segments: RouteSegment[]) {
  const names = new Set<string>();
  segments.forEach((segment, index) => {
    if (segment.parts.length === 0) throw new Error(`Route template "${template}": empty segment.`);
    for (const part of segment.parts) {
      if (part.kind !== 'parameter') continue;
      const key = part.param.name.toLowerCase();
      if (names.has(key))
        throw new Error(`Route template "${template}": parameter "${part.param.name}" appears twice.`);
      names.add(key);
      if (part.param.catchAll && (index !== segments.length - 1 || segment.parts.length > 1)) {
        throw new Error(
          `Route template "${template}": a catch-all parameter must be the whole last segment.`,
        );
      }
    }
    for (let k = 1; k < segment.parts.length; k++) {
      if (segment.parts[k]!.kind === 'parameter' && segment.parts[k - 1]!.kind === 'parameter') {
        throw new Error(
          `Route template "${template}": two parameters in one segment need a literal between them.`,
        );
      }
    }
    const optionalAt = segment.parts.findIndex((p) => p.kind === 'parameter' && p.param.optional);
    if (optionalAt >= 0 && (index !== segments.length - 1 || optionalAt !== segment.parts.length - 1)) {
      throw new Error(`Route template "${template}": an optional parameter must end the last segment.`);
    }
    if (optionalAt > 0 && segment.parts[optionalAt - 1]?.kind !== 'literal') {
      throw new Error(
        `Route template "${template}": an optional parameter must follow a literal in its segment.`,
      );
    }
  });
}

/** Parses a route template (without leading "/"); throws a clear error on invalid syntax or constraints. */
export function parseRouteTemplate(template: string): RouteTemplate {
  const trimmed = template.replace(/^~?\/+/, '').replace(/\/+$/, '');
  const segments: RouteSegment[] = trimmed === '' ? [] : scanSegments(trimmed).map((parts) => ({ parts }));
  validate(template, segments);
  for (const segment of segments) {
    if (segment.parts.length > 1) segment.patterns = complexPatterns(segment.parts);
  }
  return { template: trimmed, segments, precedence: segments.map(precedenceDigit) };
}

function matchSegment(segment: RouteSegment, value: string, values: Record<string, string>): boolean {
  const only = segment.parts[0]!;
  if (!segment.patterns) {
    if (only.kind === 'literal') return only.text.toLowerCase() === value.toLowerCase();
    if (!only.param.constraints.every((c) => c(value))) return false;
    values[only.param.name] = value;
    return true;
  }
  for (const { regex, params } of segment.patterns) {
    const match = regex.exec(value);
    if (!match || !params.every((param, i) => param.constraints.every((c) => c(match[i + 1]!)))) continue;
    params.forEach((param, i) => (values[param.name] = match[i + 1]!));
    const last = segment.parts[segment.parts.length - 1]!;
    if (last.kind === 'parameter' && !params.includes(last.param) && last.param.defaultValue !== undefined) {
      values[last.param.name] = last.param.defaultValue;
    }
    return true;
  }
  return false;
}

/** A segment that may be absent from the path: a lone optional, defaulted or catch-all parameter. */
function omit(segment: RouteSegment, values: Record<string, string>): boolean {
  const part = segment.parts[0]!;
  if (segment.parts.length !== 1 || part.kind !== 'parameter') return false;
  const { param } = part;
  if (param.defaultValue !== undefined) values[param.name] = param.defaultValue;
  return param.optional || param.catchAll || param.defaultValue !== undefined;
}

/** Matches decoded path segments against a template; returns the route values, or undefined. */
export function matchRouteTemplate(
  route: RouteTemplate,
  path: readonly string[],
): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const first = segment.parts[0]!;
    if (first.kind === 'parameter' && first.param.catchAll) {
      const rest = path.slice(i).join('/');
      if (rest === '') return omit(segment, values) ? values : undefined;
      if (!first.param.constraints.every((c) => c(rest))) return undefined;
      values[first.param.name] = rest;
      return values;
    }
    const value = path[i];
    if (value === undefined) {
      if (!omit(segment, values)) return undefined;
      continue;
    }
    if (value === '') return undefined;
    if (!matchSegment(segment, value, values)) return undefined;
  }
  return path.length > segments.length ? undefined : values;
}
