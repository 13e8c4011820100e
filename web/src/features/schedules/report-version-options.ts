import type { ReportVersionResource } from '../../../../shared/contracts/report-version';
import type { ScheduleReportVersion } from '../../../../shared/contracts/schedule';
import { formatDateTime, type FormatOptions } from '../../ui/format-time';

export interface ReportVersionOption {
  value: ScheduleReportVersion;
  title: string;
}

/**
 * The builder's "Report version" choices: Latest first, then each version newest first as
 * `v3 — Tue 1 Dec 2026, 09:00 UTC, alice`. A pinned number not among them (an older page, or deleted) stays
 * selectable, so opening a schedule never changes its pin silently.
 */
export function reportVersionOptions(
  versions: readonly Pick<ReportVersionResource, 'number' | 'createdAt' | 'createdBy' | 'restoredFrom'>[],
  pinned: ScheduleReportVersion,
  format: FormatOptions = {},
): ReportVersionOption[] {
  const options: ReportVersionOption[] = [{ value: 'latest', title: 'Latest (follows changes)' }];
  for (const v of versions) {
    const restored = v.restoredFrom === undefined ? '' : ` (restored v${v.restoredFrom})`;
    options.push({
      value: v.number,
      title: `v${v.number} — ${formatDateTime(v.createdAt, { weekday: false, ...format })}, ${v.createdBy}${restored}`,
    });
  }
  if (pinned !== 'latest' && !versions.some((v) => v.number === pinned))
    options.push({ value: pinned, title: `v${pinned}` });
  return options;
}
