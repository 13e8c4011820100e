import type { AuditEvent } from '../../contracts/audit-event';

export type AuditExportFormat = 'csv' | 'ndjson';

export const auditExportContentType: Record<AuditExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

const columns = ['id', 'timestamp', 'actorId', 'action', 'entityType', 'entityId', 'diff'] as const;

/**
 * One CSV cell (RFC 4180). A value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR)
 * is prefixed with `'`, so opening an export never executes what a user typed into a name.
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvHeader = `${columns.join(',')}\r\n`;

/** One event as a line of the export, with its line ending. */
export function formatAuditLine(format: AuditExportFormat, event: AuditEvent): string {
  if (format === 'ndjson') return `${JSON.stringify(event)}\n`;
  const cells = columns.map((c) =>
    csvCell(c === 'diff' ? (event.diff === null ? '' : JSON.stringify(event.diff)) : event[c]),
  );
  return `${cells.join(',')}\r\n`;
}
