import type { z } from 'zod';
import type { ReportTemplate } from '../../contracts/report';
import type { ParameterValues } from '../../contracts/schedule';
import type { Column, Row } from '../../ports/data-source';

/** What a report's HTML (and so its PDF) is rendered from. */
export interface ReportRenderInput {
  /** The report's template; without one, a plain table of every column. */
  template?: z.infer<typeof ReportTemplate>;
  report: { name: string; description: string };
  run: { id: string; fireTime: string | null; parameters: ParameterValues };
  tenant: { name: string; timezone: string };
  columns: Column[];
  rows: Row[];
  /** The render's clock reading, exposed as `now`. */
  now: Date;
  /** BCP 47 locale for numbers, currencies and names; default en-US. */
  locale?: string;
}

/**
 * The template's variables, copied field by field so nothing else of the entities reaches a template:
 * `report` (name, description), `run` (id, fireTime, parameters), `params`, `tenant` (name, timezone),
 * `rows`, `columns` (name, type) and `now` (ISO 8601).
 */
export function templateScope(input: ReportRenderInput): Record<string, unknown> {
  return {
    report: { name: input.report.name, description: input.report.description },
    run: { id: input.run.id, fireTime: input.run.fireTime, parameters: input.run.parameters },
    params: input.run.parameters,
    tenant: { name: input.tenant.name, timezone: input.tenant.timezone },
    columns: input.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: input.rows,
    now: input.now.toISOString(),
  };
}
