import type { AuditEvent } from '../../../../shared/contracts/audit-event';

const columns = ['timestamp', 'actorId', 'action', 'entityType', 'entityId', 'diff'] as const;

/**
 * RFC 4180 field: quoted when needed, with a leading `'` before =, +, -, @ (and tab / CR) so a
 * spreadsheet does not run a cell as a formula (CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The loaded audit events as CSV (header row, CRLF line ends), oldest first as the API lists them. */
export function auditEventsToCsv(events: readonly AuditEvent[]): string {
  const rows = events.map((e) =>
    columns
      .map((c) => (c === 'diff' ? (e.diff ? JSON.stringify(e.diff) : '') : e[c]))
      .map(csvField)
      .join(','),
  );
  return [columns.join(','), ...rows].join('\r\n') + '\r\n';
}
