import { maxReportVersion } from '../../contracts/report-version';

/** Versions are keyed newest first under their report: `{reportId}|{999999 - n}`, zero-padded. */
export const reportVersionKey = (reportId: string, n: number): string =>
  `${reportId}|${String(maxReportVersion - n).padStart(6, '0')}`;
