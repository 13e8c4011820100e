import type { ReportRequest } from '../../contracts/report-resources';
import { checkSqlParameters, dialectOfConnection } from './check-sql-parameters';
import { checkTemplate } from './check-template';
import { validateTransforms } from '../transforms/validate-transforms';
import { invalidFields, type FieldProblem } from '../validation/invalid-field';
import { describeParameterType, fitsParameterType } from './parameter-values';

/**
 * What the schema cannot check about a report: unique parameter names with defaults of their type, SQL
 * placeholders against the parameters (per dialect), Liquid syntax, transforms (arity, types, columns), one output per format, and a
 * template for html/pdf. Throws one VALIDATION_ERROR listing every problem.
 */
export function assertValidReport(report: ReportRequest): void {
  const problems: FieldProblem[] = [];
  const { parameters, sql, connectionId } = report.dataSource;
  const seen = new Set<string>();
  parameters.forEach((p, i) => {
    const field = `dataSource.parameters[${i}]`;
    if (seen.has(p.name))
      problems.push({ field: `${field}.name`, code: 'duplicate', message: `"${p.name}" is declared twice` });
    seen.add(p.name);
    if (p.default !== undefined && !fitsParameterType(p.type, p.default))
      problems.push({
        field: `${field}.default`,
        code: 'invalid_type',
        message: `must be ${describeParameterType(p.type)}, like the parameter`,
      });
  });
  problems.push(...checkSqlParameters(sql, parameters, dialectOfConnection(connectionId)));
  if (report.template) problems.push(...checkTemplate(report.template));
  if (report.transforms) problems.push(...validateTransforms(report.transforms));
  const formats = new Set<string>();
  report.outputs.forEach((o, i) => {
    if (formats.has(o.format))
      problems.push({
        field: `outputs[${i}].format`,
        code: 'duplicate',
        message: `"${o.format}" is listed twice; each format is rendered once per run`,
      });
    formats.add(o.format);
    if ((o.format === 'html' || o.format === 'pdf') && !report.template)
      problems.push({
        field: `outputs[${i}].format`,
        code: 'template_required',
        message: `"${o.format}" needs a template`,
      });
  });
  if (problems.length) throw invalidFields(problems);
}
