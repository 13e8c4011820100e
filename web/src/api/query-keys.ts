/**
 * One query-key factory per resource. Keys nest (`all` ⊃ `lists` ⊃ `list(filters)`, `all` ⊃ `detail(id)`), so
 * invalidating `reportKeys.all` refreshes every report query, `reportKeys.lists()` only the lists.
 */
type Filters = Record<string, unknown>;

function resourceKeys<Name extends string>(name: Name) {
  return {
    all: [name] as const,
    lists: () => [name, 'list'] as const,
    list: (filters: Filters = {}) => [name, 'list', filters] as const,
    details: () => [name, 'detail'] as const,
    detail: (id: string) => [name, 'detail', id] as const,
  };
}

export const reportKeys = resourceKeys('reports');
export const scheduleKeys = {
  ...resourceKeys('schedules'),
  /** `GET /schedules/preview`: the next fires of an unsaved cron rule. */
  preview: (params: Filters) => ['schedules', 'preview', params] as const,
  /** `GET /schedules/{id}/next`. */
  next: (id: string, count: number) => ['schedules', 'detail', id, 'next', count] as const,
};
export const runKeys = resourceKeys('runs');
export const artifactKeys = resourceKeys('artifacts');
export const dataSourceKeys = resourceKeys('data-sources');
export const deliveryTargetKeys = resourceKeys('delivery-targets');
export const holidayCalendarKeys = resourceKeys('holiday-calendars');
export const eventTriggerKeys = resourceKeys('event-triggers');
export const subscriptionKeys = resourceKeys('subscriptions');
export const auditEventKeys = resourceKeys('audit-events');
export const deliveryKeys = resourceKeys('deliveries');
export const deliveryReceiptKeys = resourceKeys('delivery-receipts');
/** The caller's own tenant (`GET /tenant`) and its usage (`GET /tenant/usage`). */
export const tenantKeys = {
  all: ['tenant'] as const,
  settings: () => ['tenant', 'settings'] as const,
  usage: () => ['tenant', 'usage'] as const,
  /** `GET /tenant/exports`: the tenant's recent exports. */
  exports: () => ['tenant', 'exports'] as const,
};
