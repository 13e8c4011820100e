import { AppError } from '../../domain/errors';
import type { ParamValue } from '../../ports/data-source';

export type MssqlParamType = 'NVarChar' | 'BigInt' | 'Float' | 'Bit';

export interface MssqlInput {
  name: string;
  type: MssqlParamType;
  value: ParamValue;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * Report parameters as SQL Server `@name` inputs, each bound with a type: strings (dates and date-times
 * included, ISO text that SQL Server converts when compared with a date column) as NVARCHAR(MAX), safe
 * integers as BIGINT, other numbers as FLOAT, booleans as BIT, null as a NULL NVARCHAR.
 */
export function toMssqlInputs(params: Record<string, ParamValue>): MssqlInput[] {
  return Object.entries(params).map(([name, value]) => {
    if (!NAME.test(name))
      throw new AppError(
        'VALIDATION_ERROR',
        `"${name.slice(0, 64)}" is not a valid SQL Server parameter name`,
        {
          field: name.slice(0, 64),
        },
      );
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        throw new AppError('VALIDATION_ERROR', `Parameter "${name}" must be a finite number`, {
          field: name,
        });
      return { name, type: Number.isSafeInteger(value) ? 'BigInt' : 'Float', value };
    }
    if (typeof value === 'boolean') return { name, type: 'Bit', value };
    return { name, type: 'NVarChar', value };
  });
}
