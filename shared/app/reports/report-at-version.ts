import type { ReportDefinition } from '../../contracts/report';
import type { ReportVersion } from '../../contracts/report-version';

/**
 * The report as version `v` defines it: the version's query (SQL, parameters, connection), transforms and
 * template; everything not versioned (name, outputs, time zone…) stays the report's current value.
 */
export function reportAtVersion(report: ReportDefinition, v: ReportVersion): ReportDefinition {
  const { transforms: _t, template: _te, ...rest } = report;
  return {
    ...rest,
    dataSource: v.dataSource,
    ...(v.transforms ? { transforms: v.transforms } : {}),
    ...(v.template ? { template: v.template } : {}),
  };
}
