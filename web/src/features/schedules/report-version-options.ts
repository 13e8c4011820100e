import type { ReportVersionResource } from '../../../../shared/contracts/report-version';
import type { ScheduleReportVersion } from '../../../../shared/contracts/schedule';
import { browserTimeZone } from '../../ui/format-time';

export interface ReportVersionOption {
  value: ScheduleReportVersion;
  title: string;
}

/**
 * The builder's "Report version" choices: Latest first, then each version newest first as
 * `v3 — 1 Dec 2026, alice` (the day in the browser's zone). A pinned number not among them (an older page, or deleted) stays
 * selectable, so opening a schedule never changes its pin silently.
 */
export function reportVersionOptions(
  versions: readonly Pick<ReportVersionResource, 'number' | 'createdAt' | 'createdBy' | 'restoredFrom'>[],
  pinned: ScheduleReportVersion,
  format: { timeZone?: string; locale?: string } = {},
): ReportVersionOption[] {
  const day = new Intl.DateTimeFormat(format.locale, {
    timeZone: format.timeZone ?? browserTimeZone(),
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  const options: ReportVersionOption[] = [{ value: 'latest', title: 'Latest (follows changes)' }];
  for (const v of versions) {
    const restored = v.restoredFrom === undefined ? '' : ` (restored v${v.restoredFrom})`;
    options.push({
      value: v.number,
      title: `v${v.number} — ${day.format(new Date(v.createdAt))}, ${v.createdBy}${restored}`,
    });
  }
  if (pinned !== 'latest' && !versions.some((v) => v.number === pinned))
    options.push({ value: pinned, title: `v${pinned}` });
  return options;
}
