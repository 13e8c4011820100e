/** The report editor: validated with the API's ReportRequest, loaded with its ETag, saved with If-Match. */
import type { Ref } from 'vue';
import { z } from 'zod';
import type { ReportDefinition } from '../../../../shared/contracts/report';
import { ReportRequest } from '../../../../shared/contracts/report-resources';
import { reportKeys } from '../../api/query-keys';
import { toTypedSchema } from '../../forms/to-typed-schema';
import { useResourceEditor } from '../../ui/crud/use-resource-editor';
import { emptyReportForm, fromReportDefinition, toReportRequest, type ReportForm } from './report-form';

export const reportFormSchema = toTypedSchema(
  z
    .custom<ReportForm>()
    .transform((form) => toReportRequest(form))
    .pipe(ReportRequest),
);

export function useReportEditor(id: Ref<string | undefined>) {
  return useResourceEditor<ReportForm, ReportDefinition>({
    path: 'reports',
    keys: reportKeys,
    id,
    validationSchema: reportFormSchema,
    initialValues: emptyReportForm(),
    fromResource: fromReportDefinition,
    toBody: toReportRequest,
  });
}
