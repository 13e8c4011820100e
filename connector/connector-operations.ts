/**
 * What the Power Platform connector offers, picked from the API's operations: the actions people use
 * in a flow, the pickers behind them (internal), and the webhook triggers. Names and words are for
 * flow makers; paths, parameters and schemas come from the OpenAPI document.
 */
export type Visibility = 'important' | 'advanced' | 'internal';

export interface DynamicValues {
  operationId: string;
  'value-collection': string;
  'value-path': string;
  'value-title': string;
  parameters?: Record<string, unknown>;
}

export interface ConnectorParameter {
  summary: string;
  description?: string;
  visibility?: Visibility;
  required?: boolean;
  default?: unknown;
  dynamicValues?: DynamicValues;
}

export interface ConnectorAction {
  /** The API's operationId (the connector's too). */
  operationId: string;
  summary: string;
  visibility: Visibility;
  /** Path and query parameters offered, by name (others are left out); `body` is the request body. */
  parameters: Record<string, ConnectorParameter>;
  /** Labels for the body's properties, by name. */
  bodyProperties?: Record<string, ConnectorParameter>;
  /**
   * The action waits (`x-ms-long-running-operation`): Power Automate polls the 202's `Location`, honouring
   * `Retry-After`, until it answers 200 — the 200 of this operation, whose schema the action outputs.
   */
  waitsFor?: string;
}

export interface ConnectorTrigger {
  operationId: string;
  /** The event this trigger subscribes to (`POST /api/v1/events/{event}/subscriptions`). */
  event: 'run.succeeded' | 'run.failed' | 'delivery.failed' | 'quota.warning' | 'quota.exceeded';
  summary: string;
  description: string;
  hint: string;
}

const reportPicker: DynamicValues = {
  operationId: 'listReports',
  'value-collection': 'items',
  'value-path': 'id',
  'value-title': 'name',
  parameters: { limit: 100 },
};
const schedulePicker: DynamicValues = { ...reportPicker, operationId: 'listSchedules' };
const pickerLimit: ConnectorParameter = {
  summary: 'Page size',
  description: 'How many items a picker lists (1–100).',
  visibility: 'internal',
  default: 100,
};
const runId: ConnectorParameter = { summary: 'Run ID', description: 'The id of the run.' };
const scheduleId: ConnectorParameter = {
  summary: 'Schedule',
  description: 'The schedule (pick one, or enter its id).',
  dynamicValues: schedulePicker,
};

export const CONNECTOR_ACTIONS: readonly ConnectorAction[] = [
  {
    operationId: 'runReportNow',
    summary: 'Run a report now and wait for the result',
    visibility: 'important',
    waitsFor: 'getRunResult',
    parameters: {
      id: {
        summary: 'Report',
        description: 'The report to run (pick one, or enter its id).',
        dynamicValues: reportPicker,
      },
      body: { summary: 'Run options', description: 'Values for the report’s parameters.' },
    },
    bodyProperties: {
      parameters: {
        summary: 'Report parameters',
        description: 'Values by parameter name, e.g. {"region": "north"}; defaults fill the rest.',
      },
    },
  },
  { operationId: 'getRun', summary: 'Get a run', visibility: 'important', parameters: { id: runId } },
  {
    operationId: 'listArtifacts',
    summary: 'List the files of a run',
    visibility: 'important',
    parameters: {
      runId: { ...runId, required: true },
      format: { summary: 'Format', description: 'Only files of this format.', visibility: 'advanced' },
    },
  },
  {
    operationId: 'getArtifact',
    summary: 'Get a download link for a file',
    visibility: 'important',
    parameters: { id: { summary: 'Artifact ID', description: 'The id of the file (artifact).' } },
  },
  {
    operationId: 'pauseSchedule',
    summary: 'Pause a schedule',
    visibility: 'advanced',
    parameters: { id: scheduleId },
  },
  {
    operationId: 'resumeSchedule',
    summary: 'Resume a schedule',
    visibility: 'advanced',
    parameters: { id: scheduleId },
  },
  {
    operationId: 'listReports',
    summary: 'List reports',
    visibility: 'internal',
    parameters: { limit: pickerLimit },
  },
  {
    operationId: 'listSchedules',
    summary: 'List schedules',
    visibility: 'internal',
    parameters: { limit: pickerLimit },
  },
  {
    operationId: 'deleteSubscription',
    summary: 'Delete a webhook subscription',
    visibility: 'internal',
    parameters: { id: { summary: 'Subscription ID', description: 'The id of the subscription.' } },
  },
];

export const CONNECTOR_TRIGGERS: readonly ConnectorTrigger[] = [
  {
    operationId: 'WhenRunSucceeds',
    event: 'run.succeeded',
    summary: 'When a report run succeeds',
    description: 'Starts the flow when any report of your tenant finishes a run with its files stored.',
    hint: 'Run a report (or wait for a schedule) to fire this trigger.',
  },
  {
    operationId: 'WhenRunFails',
    event: 'run.failed',
    summary: 'When a report run fails',
    description: 'Starts the flow when a run of any report of your tenant fails, with its error.',
    hint: 'A run that fails (for example a report whose data source is down) fires this trigger.',
  },
  {
    operationId: 'WhenDeliveryFails',
    event: 'delivery.failed',
    summary: 'When a delivery fails',
    description: 'Starts the flow when a delivery (email, webhook, Slack) is given up after its retries.',
    hint: 'A delivery that keeps failing until it is dead-lettered fires this trigger.',
  },
  {
    operationId: 'WhenQuotaWarning',
    event: 'quota.warning',
    summary: 'When a quota reaches 80 %',
    description: 'Starts the flow once per quota and period when your tenant has used 80 % of it.',
    hint: "Runs that bring today's executions to 80 % of the tier's limit fire this trigger.",
  },
  {
    operationId: 'WhenQuotaExceeded',
    event: 'quota.exceeded',
    summary: 'When a quota is used up',
    description: 'Starts the flow once per quota and period when your tenant has used all of it.',
    hint: "The run that uses the last of today's executions fires this trigger.",
  },
];
