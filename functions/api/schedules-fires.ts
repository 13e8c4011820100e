import { nextFiresOfSchedule, previewCronFires } from '../../shared/app/schedules/preview-fires';
import { triggerSchedule } from '../../shared/app/schedules/trigger-schedule';
import { idParamsSchema } from '../../shared/contracts/common';
import {
  FireList,
  NextFiresQuery,
  PreviewFiresQuery,
  TriggeredRun,
} from '../../shared/contracts/schedule-resource';
import { defineEndpoint } from '../http/define-endpoint';
import { idempotent } from '../http/idempotency';
import { reply } from '../http/endpoint-types';

export const previewScheduleFiresEndpoint = defineEndpoint({
  name: 'previewScheduleFires',
  method: 'GET',
  route: 'v1/schedules/preview',
  summary: 'The next fires of a cron expression in a time zone (nothing is saved)',
  description: 'Fires a DST rule moved carry `dstAdjusted`. `count` ≤ 100.',
  tags: ['schedules'],
  query: PreviewFiresQuery,
  responses: { 200: FireList },
  handler: ({ query, now }) => Promise.resolve(previewCronFires(query, now)),
});

export const nextScheduleFiresEndpoint = defineEndpoint({
  name: 'nextScheduleFires',
  method: 'GET',
  route: 'v1/schedules/{id}/next',
  summary: "A schedule's next fires (with its holidays and DST policy); none while paused",
  description:
    'The next `count` fire times from `from` (default now), after holidays, misfire and DST policies; empty while the schedule is paused.',
  tags: ['schedules'],
  params: idParamsSchema,
  query: NextFiresQuery,
  errors: ['NOT_FOUND'],
  responses: { 200: FireList },
  handler: ({ principal, params, query, now }, deps) =>
    nextFiresOfSchedule(deps.repos, principal, params.id, query, now),
});

export const triggerScheduleEndpoint = defineEndpoint(
  idempotent({
    name: 'triggerSchedule',
    method: 'POST',
    route: 'v1/schedules/{id}/trigger',
    summary: "Run the schedule's report now with its parameters",
    description:
      "Queues a run of the schedule's report with the schedule's parameters and targets, as a fire would; the daily execution quota applies. Answers the run id.",
    tags: ['schedules'],
    roles: ['tenant_admin', 'report_creator'] as const,
    params: idParamsSchema,
    errors: ['NOT_FOUND', 'QUOTA_EXCEEDED'],
    responses: { 202: TriggeredRun },
    handler: async ({ principal, params }, deps) =>
      reply(202, { runId: await triggerSchedule(deps.schedules, principal, params.id) }),
  }),
);
