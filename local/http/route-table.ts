import { matchRouteTemplate, parseRouteTemplate, type RouteTemplate } from './route-template';

export interface RouteEntry<T> {
  /** The full template, route prefix included (e.g. "api/reports/{id:guid}"). */
  template: string;
  /** Allowed methods (any case); undefined or empty = all methods. */
  methods?: readonly string[] | null | undefined;
  target: T;
}

export type RouteMatch<T> =
  | { kind: 'matched'; target: T; params: Record<string, string>; template: string }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface CompiledRoute<T> {
  route: RouteTemplate;
  methods: Set<string> | undefined;
  target: T;
}

/** Compares ASP.NET Core inbound precedence: literal 1, complex/constrained 2, parameter 3, catch-all 4-5. */
export function compareRoutePrecedence(a: RouteTemplate, b: RouteTemplate): number {
  const length = Math.max(a.precedence.length, b.precedence.length);
  for (let i = 0; i < length; i++) {
    const diff = (a.precedence[i] ?? 0) - (b.precedence[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.template.toLowerCase().localeCompare(b.template.toLowerCase());
}

/** Splits a URL path ("/api/a%20b/c") into decoded segments, ignoring one leading and one trailing "/". */
export function splitPath(pathname: string): string[] {
  const trimmed = pathname.replace(/^\//, '').replace(/\/$/, '');
  if (trimmed === '') return [];
  return trimmed.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

/**
 * The HTTP functions' route table. A request goes to the most specific matching route whose methods
 * allow it; a path that some route matches but none for this method is a 405.
 */
export function createRouteTable<T>(entries: readonly RouteEntry<T>[]) {
  const routes: CompiledRoute<T>[] = entries
    .map((entry) => ({
      route: parseRouteTemplate(entry.template),
      methods: entry.methods?.length ? new Set(entry.methods.map((m) => m.toUpperCase())) : undefined,
      target: entry.target,
    }))
    .sort((a, b) => compareRoutePrecedence(a.route, b.route));

  return {
    /** Templates in match order (for logs). */
    templates: (): string[] => routes.map((r) => r.route.template),
    match(method: string, pathname: string): RouteMatch<T> {
      const path = splitPath(pathname);
      const wanted = method.toUpperCase();
      const allow = new Set<string>();
      for (const { route, methods, target } of routes) {
        const params = matchRouteTemplate(route, path);
        if (!params) continue;
        if (!methods || methods.has(wanted))
          return { kind: 'matched', target, params, template: route.template };
        methods.forEach((m) => allow.add(m));
      }
      return allow.size > 0
        ? { kind: 'method-not-allowed', allow: [...allow].sort() }
        : { kind: 'not-found' };
    },
  };
}

export type RouteTable<T> = ReturnType<typeof createRouteTable<T>>;
