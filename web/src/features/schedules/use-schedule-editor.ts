/**
 * The builder's form: values validated with the API's own ScheduleInput contract (through the form → body
 * mapping, so errors carry the wire paths), loaded with the schedule's ETag and saved with `If-Match`.
 */
import type { Ref } from 'vue';
import { z } from 'zod';
import { ScheduleInput, type ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import { scheduleKeys } from '../../api/query-keys';
import { toTypedSchema } from '../../forms/to-typed-schema';
import { useResourceEditor } from '../../ui/crud/use-resource-editor';
import { emptyScheduleForm, fromScheduleResource, toScheduleInput, type ScheduleForm } from './schedule-form';
import { defaultScheduleTimeZone } from './time-zones';

/** The contract applied to the body a form becomes: issue paths are the wire's (`emailDelivery.recipients.1`). */
export const scheduleFormSchema = toTypedSchema(
  z
    .custom<ScheduleForm>()
    .transform((form) => toScheduleInput(form))
    .pipe(ScheduleInput),
);

export function useScheduleEditor(id: Ref<string | undefined>, reportId: Ref<string | undefined>) {
  return useResourceEditor<ScheduleForm, ScheduleResource>({
    path: 'schedules',
    keys: scheduleKeys,
    id,
    validationSchema: scheduleFormSchema,
    initialValues: emptyScheduleForm(defaultScheduleTimeZone(), reportId.value ?? ''),
    fromResource: fromScheduleResource,
    toBody: toScheduleInput,
  });
}
