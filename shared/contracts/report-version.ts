import { z } from 'zod';
import { pageSchema, resourceIdSchema } from './common';
import { Id, IsoDateTime, TenantId } from './primitives';
import { DataSourceRef, ReportDefinition, ReportTemplate } from './report';

/** The largest version number a report can reach (keys are zero-padded to six digits). */
export const maxReportVersion = 999_999;

/**
 * What a version fixes: the query and its parameters, the transforms and the template. Immutable once
 * written; saving a report with a different query, transforms or template writes the next one.
 */
export const ReportVersion = z.strictObject({
  tenantId: TenantId,
  reportId: Id,
  number: z.number().int().min(1).max(maxReportVersion),
  dataSource: DataSourceRef,
  transforms: ReportDefinition.shape.transforms,
  template: ReportTemplate.optional(),
  /** Set when this version was made by restoring an older one. */
  restoredFrom: z.number().int().min(1).optional(),
  createdBy: z.string(),
  createdAt: IsoDateTime,
});
export type ReportVersion = z.infer<typeof ReportVersion>;

/** A version as the API shows it. */
export const ReportVersionResource = ReportVersion.omit({ tenantId: true }).meta({ id: 'ReportVersion' });
export type ReportVersionResource = z.infer<typeof ReportVersionResource>;

export const toReportVersionResource = ({
  tenantId: _tenant,
  ...rest
}: ReportVersion): ReportVersionResource => rest;

export const ReportVersionParams = z.strictObject({
  id: resourceIdSchema,
  n: z.coerce.number().int().min(1).max(maxReportVersion),
});

export const ReportVersionPage = pageSchema(ReportVersionResource).meta({ id: 'ReportVersionPage' });
