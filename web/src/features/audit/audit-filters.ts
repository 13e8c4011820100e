import type { AuditEvent } from '../../../../shared/contracts/audit-event';
import { compactQuery, readQueryDay, readQueryString, type QueryLike } from '../../ui/query-params';
import { endOfZonedDay, startOfZonedDay } from '../../ui/zoned-day';

/** The audit log's URL state. Days are the viewer's; resource is the API's `entityType`. */
export interface AuditFilters {
  from?: string;
  to?: string;
  resource?: string;
  actor?: string;
  action?: string;
}

export function parseAuditFilters(query: QueryLike): AuditFilters {
  const resource = readQueryString(query, 'resource');
  return {
    from: readQueryDay(query, 'from'),
    to: readQueryDay(query, 'to'),
    resource: resource && /^[a-z][a-z_]{0,63}$/.test(resource) ? resource : undefined,
    actor: readQueryString(query, 'actor'),
    action: readQueryString(query, 'action'),
  };
}

export const auditFiltersToQuery = (f: AuditFilters): Record<string, string> => compactQuery({ ...f });

/** `GET /v1/audit-events` filters dates and entity type itself; actor and action apply to the loaded pages. */
export function auditFiltersToApi(f: AuditFilters, timeZone: string): Record<string, string> {
  return compactQuery({
    startDate: f.from ? startOfZonedDay(f.from, timeZone) : undefined,
    endDate: f.to ? endOfZonedDay(f.to, timeZone) : undefined,
    entityType: f.resource,
  });
}

export function matchesAuditClientFilters(event: AuditEvent, f: AuditFilters): boolean {
  const contains = (value: string, needle: string | undefined) =>
    !needle || value.toLowerCase().includes(needle.toLowerCase());
  return contains(event.actorId, f.actor) && contains(event.action, f.action);
}

export const auditResourceOptions = [
  'report',
  'schedule',
  'holiday_calendar',
  'delivery_target',
  'data_source',
  'event_trigger',
  'subscription',
  'run',
  'artifact',
  'delivery',
  'audit',
].map((value) => ({ value, title: value.replace(/_/g, ' ') }));
