import type { OutputFormat } from '../../../../shared/contracts/report';
import type { RunStatus } from '../../../../shared/contracts/run';
import {
  compactQuery,
  readQueryDay,
  readQueryEnum,
  readQueryString,
  type QueryLike,
} from '../../ui/query-params';
import { endOfZonedDay, startOfZonedDay } from '../../ui/zoned-day';

const formats: readonly OutputFormat[] = ['pdf', 'csv', 'json', 'html'];
const statuses: readonly RunStatus[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'aborted',
  'missed',
  'skipped',
];

/** The gallery's URL state: filters, plus the artifact open in the preview drawer. */
export interface GalleryFilters {
  reportId?: string;
  format?: OutputFormat;
  /** The status of the run that produced the artifact. */
  status?: RunStatus;
  from?: string;
  to?: string;
}

export interface GalleryState extends GalleryFilters {
  artifact?: string;
}

export function parseGalleryState(query: QueryLike): GalleryState {
  return {
    reportId: readQueryString(query, 'reportId'),
    format: readQueryEnum(query, 'format', formats),
    status: readQueryEnum(query, 'status', statuses),
    from: readQueryDay(query, 'from'),
    to: readQueryDay(query, 'to'),
    artifact: readQueryString(query, 'artifact'),
  };
}

export const galleryStateToQuery = (state: GalleryState): Record<string, string> =>
  compactQuery({ ...state });

/** The server-side filters of `GET /v1/artifacts`; the days become instants in the viewer's zone. */
export function galleryFiltersToApi(filters: GalleryFilters, timeZone: string): Record<string, string> {
  return compactQuery({
    reportId: filters.reportId,
    format: filters.format,
    status: filters.status,
    startDate: filters.from ? startOfZonedDay(filters.from, timeZone) : undefined,
    endDate: filters.to ? endOfZonedDay(filters.to, timeZone) : undefined,
  });
}

export const formatOptions = formats.map((f) => ({ value: f, title: f.toUpperCase() }));
