/** The values the Run now dialog sends: typed from the text fields, empty ones left to the report's defaults. */
import type { ReportParameter } from '../../../../shared/contracts/report';
import type { ParameterValues } from '../../../../shared/contracts/schedule';

export function toParameterValues(
  definitions: readonly ReportParameter[],
  texts: Record<string, string>,
): ParameterValues {
  const values: ParameterValues = {};
  for (const p of definitions) {
    const text = texts[p.name]?.trim() ?? '';
    if (text === '') continue;
    if (p.type === 'integer' || p.type === 'number') values[p.name] = Number(text);
    else if (p.type === 'boolean') values[p.name] = text === 'true';
    else values[p.name] = text;
  }
  return values;
}

export function initialTexts(definitions: readonly ReportParameter[]): Record<string, string> {
  return Object.fromEntries(
    definitions.map((p) => [p.name, p.default === undefined || p.default === null ? '' : String(p.default)]),
  );
}
