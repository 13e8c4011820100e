import type { ConnectorTrigger } from './connector-operations';

type Json = Record<string, unknown>;

/**
 * What each webhook trigger hands the flow: the event as `publish-event.ts` builds it (see
 * docs/subscriptions.md, "The event"), with labels so its fields show as dynamic content. Events carry
 * `data` as an open record in our contracts; these schemas name the fields a flow uses.
 */
const text = (summary: string, extra: Json = {}): Json => ({
  type: 'string',
  'x-ms-summary': summary,
  ...extra,
});
const integer = (summary: string): Json => ({ type: 'integer', format: 'int64', 'x-ms-summary': summary });
const error: Json = {
  type: 'object',
  'x-ms-summary': 'Error',
  properties: {
    code: text('Error code'),
    message: text('Error message'),
    suggestedFix: text('Suggested fix'),
  },
};

const run: Json = {
  type: 'object',
  'x-ms-summary': 'Run',
  properties: {
    id: text('Run ID'),
    reportId: text('Report ID'),
    scheduleId: text('Schedule ID'),
    trigger: text('Run trigger'),
    fireTime: text('Fire time', { format: 'date-time' }),
    status: text('Run status'),
    attempt: integer('Attempt'),
    rowCount: integer('Row count'),
    bytes: integer('Bytes'),
    startedAt: text('Started at', { format: 'date-time' }),
    endedAt: text('Ended at', { format: 'date-time' }),
    error,
  },
};

const artifact: Json = {
  type: 'object',
  properties: {
    id: text('Artifact ID'),
    runId: text('Run ID'),
    reportId: text('Report ID'),
    format: text('Format'),
    fileName: text('File name'),
    contentType: text('Content type'),
    bytes: integer('File size'),
    checksum: text('SHA-256 checksum'),
    createdAt: text('Created at', { format: 'date-time' }),
    expiresAt: text('Expires at', { format: 'date-time' }),
  },
};

const delivery: Json = {
  type: 'object',
  'x-ms-summary': 'Delivery',
  properties: {
    id: text('Delivery ID'),
    runId: text('Run ID'),
    reportId: text('Report ID'),
    scheduleId: text('Schedule ID'),
    targetId: text('Delivery target ID'),
    channel: text('Channel'),
    recipient: text('Recipient'),
    attempts: integer('Attempts'),
    error,
  },
};

const quota: Json = {
  quota: text('Quota', { description: 'executionsPerDay or schedules' }),
  period: text('Period', { description: 'The UTC day the count is for' }),
  threshold: integer('Threshold (%)'),
  used: integer('Used'),
  limit: integer('Limit'),
};

const dataOf: Record<ConnectorTrigger['event'], Json> = {
  'run.succeeded': { run, artifacts: { type: 'array', 'x-ms-summary': 'Files', items: artifact } },
  'run.failed': { run },
  'delivery.failed': { delivery },
  'quota.warning': quota,
  'quota.exceeded': quota,
};

/** The `x-ms-notification-content` schema of a trigger. */
export function notificationSchema(event: ConnectorTrigger['event']): Json {
  return {
    type: 'object',
    properties: {
      id: text('Event ID', { description: 'The same on every retry of this event: de-duplicate on it.' }),
      type: text('Event type'),
      tenantId: text('Tenant ID'),
      occurredAt: text('Occurred at', { format: 'date-time' }),
      data: { type: 'object', 'x-ms-summary': 'Event data', properties: dataOf[event] },
    },
  };
}
