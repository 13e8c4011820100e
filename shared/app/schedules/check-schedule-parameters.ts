import type { ParameterValues } from '../../contracts/schedule';
import type { ReportDefinition } from '../../contracts/report';
import { invalidField } from '../validation/invalid-field';

type Declared = ReportDefinition['dataSource']['parameters'][number];
type Value = ParameterValues[string];

const fits: Record<Declared['type'], (v: Exclude<Value, null>) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  datetime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && /T/.test(v),
};

/**
 * A schedule's parameter values against the report's declared parameters: each must be declared and of its type,
 * and each required parameter without a default must be given — so a typo fails now, not at 3 a.m.
 */
export function checkScheduleParameters(report: ReportDefinition, values: ParameterValues): void {
  const declared = new Map(report.dataSource.parameters.map((p) => [p.name, p]));
  for (const [name, value] of Object.entries(values)) {
    const parameter = declared.get(name);
    if (!parameter) {
      const known = [...declared.keys()];
      throw invalidField(
        `parameters.${name}`,
        'unknown_parameter',
        `is not a parameter of report ${report.id} (${known.length ? `it has: ${known.join(', ')}` : 'it has none'})`,
      );
    }
    if (value === null ? parameter.required : !fits[parameter.type](value))
      throw invalidField(`parameters.${name}`, 'invalid_type', `must be a ${parameter.type}`);
  }
  for (const parameter of declared.values()) {
    if (parameter.required && parameter.default === undefined && values[parameter.name] === undefined)
      throw invalidField(`parameters.${parameter.name}`, 'required', 'is required by the report');
  }
}
