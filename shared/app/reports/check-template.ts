import { Liquid } from 'liquidjs';
import type { FieldProblem } from '../validation/invalid-field';

/**
 * Parse-only: filters are not looked up (`strictFilters: false`), so a filter a later issue registers
 * (`currency`) is accepted now; unknown tags and broken syntax are not. Nothing is rendered or loaded.
 */
const liquid = new Liquid({ strictFilters: false, strictVariables: false, ownPropertyOnly: true });

interface PositionedError {
  message: string;
  token?: { getPosition?: () => [number, number] };
}

/** Parses each part of a template as Liquid; a syntax error is reported with its line and column. */
export function checkTemplate(template: {
  body: string;
  header?: string | undefined;
  footer?: string | undefined;
}): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const part of ['body', 'header', 'footer'] as const) {
    const text = template[part];
    if (text === undefined) continue;
    try {
      liquid.parse(text);
    } catch (err) {
      const e = err as PositionedError;
      const [line, column] = e.token?.getPosition?.() ?? [undefined, undefined];
      const reason = e.message.replace(/, line:\d+, col:\d+$/, '');
      problems.push({
        field: `template.${part}`,
        code: 'template_syntax',
        message: `is not a valid Liquid template: ${reason}${line ? ` (line ${line}, column ${column})` : ''}`,
        ...(line ? { line, column } : {}),
      });
    }
  }
  return problems;
}
