import { z } from 'zod';
import { deleteSchedule } from '../../shared/app/schedules/delete-schedule';
import { replaceSchedule } from '../../shared/app/schedules/replace-schedule';
import { setScheduleActive } from '../../shared/app/schedules/set-schedule-active';
import { idParamsSchema } from '../../shared/contracts/common';
import { ScheduleInput, ScheduleResource } from '../../shared/contracts/schedule-resource';
import { defineEndpoint } from '../http/define-endpoint';
import { idempotent } from '../http/idempotency';
import { noContent } from '../http/endpoint-types';
import { ifMatchPrecondition } from '../http/etag';
import { scheduleReply } from './schedules-http';

const writers = ['tenant_admin', 'report_creator'] as const;
const changeErrors = ['NOT_FOUND', 'PRECONDITION_FAILED'] as const;

export const replaceScheduleEndpoint = defineEndpoint(
  idempotent({
    name: 'replaceSchedule',
    method: 'PUT',
    route: 'v1/schedules/{id}',
    summary: 'Replace a schedule (If-Match: its ETag); the next fire is recomputed',
    description:
      'Replaces the rule, parameters, targets and policies; the next fire is recomputed from now. Send the ETag in `If-Match` to refuse a lost update (412).',
    tags: ['schedules'],
    roles: writers,
    params: idParamsSchema,
    body: ScheduleInput,
    errors: [...changeErrors, 'BURST_INVALID'],
    etag: true,
    responses: { 200: ScheduleResource },
    handler: async ({ principal, params, body, ifMatch }, deps) => {
      const precondition = ifMatchPrecondition(ifMatch, 'Schedule', params.id);
      return scheduleReply(
        200,
        await replaceSchedule(deps.schedules, principal, params.id, body, precondition),
      );
    },
  }),
);

export const deleteScheduleEndpoint = defineEndpoint(
  idempotent({
    name: 'deleteSchedule',
    method: 'DELETE',
    route: 'v1/schedules/{id}',
    summary: 'Delete a schedule (If-Match: its ETag); its runs stay',
    description: 'Deletes the schedule; fires already queued are dropped, its past runs and artifacts stay.',
    tags: ['schedules'],
    roles: writers,
    params: idParamsSchema,
    errors: [...changeErrors],
    responses: { 204: z.undefined() },
    handler: async ({ principal, params, ifMatch }, deps) => {
      await deleteSchedule(
        deps.schedules,
        principal,
        params.id,
        ifMatchPrecondition(ifMatch, 'Schedule', params.id),
      );
      return noContent();
    },
  }),
);

const setActive = (active: boolean) =>
  defineEndpoint(
    idempotent({
      name: active ? 'resumeSchedule' : 'pauseSchedule',
      method: 'POST',
      route: `v1/schedules/{id}/${active ? 'resume' : 'pause'}`,
      summary: active
        ? 'Resume a paused schedule; its next fire is computed from now'
        : 'Pause a schedule; it does not fire until resumed',
      description: active
        ? 'The schedule fires again from its next fire time after now (missed fires are not caught up). ' +
          'Send the `ETag` in `If-Match` to refuse a lost update (412).'
        : 'Stops the schedule firing; runs already queued or running go on. Resume it to fire again. ' +
          'Send the `ETag` in `If-Match` to refuse a lost update (412).',
      tags: ['schedules'],
      roles: writers,
      params: idParamsSchema,
      errors: [...changeErrors],
      responses: { 200: ScheduleResource },
      etag: true,
      handler: async ({ principal, params, ifMatch }, deps) => {
        const precondition = ifMatchPrecondition(ifMatch, 'Schedule', params.id);
        return scheduleReply(
          200,
          await setScheduleActive(deps.schedules, principal, params.id, active, precondition),
        );
      },
    }),
  );

export const pauseScheduleEndpoint = setActive(false);
export const resumeScheduleEndpoint = setActive(true);
