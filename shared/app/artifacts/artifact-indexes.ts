import type { Artifact } from '../../contracts/artifact';
import type { OutputFormat } from '../../contracts/report';
import type { RunStatus } from '../../contracts/run';
import { newestFirstKey } from '../../domain/ids';

/** The gallery's filters on an attribute, each served by an index (see artifactIndexKeys). */
export interface ArtifactAttributeFilter {
  reportId?: string | undefined;
  format?: OutputFormat | undefined;
  status?: RunStatus | undefined;
}

const attributes = ['reportId', 'format', 'status'] as const;
type Attribute = (typeof attributes)[number];

const capital = (a: Attribute) => (a === 'reportId' ? 'Report' : a === 'format' ? 'Format' : 'Status');
/** `newest`, `byReport`, `byFormat`, `byReportFormat`, … `byReportFormatStatus`. */
const indexName = (subset: readonly Attribute[]) =>
  subset.length === 0 ? 'newest' : `by${subset.map(capital).join('')}`;
const subsets: Attribute[][] = Array.from({ length: 1 << attributes.length }, (_, mask) =>
  attributes.filter((_a, bit) => mask & (1 << bit)),
);

export const newestKeyOf = (artifact: Artifact) => newestFirstKey(new Date(artifact.createdAt));

/**
 * One newest-first index per combination of report, format and status (8 rows, each key
 * `<values…>|<newest-first time>`), plus `byRun`: any filter combination, with or without a date range,
 * is one range of one index — a page costs one query, whatever the tenant keeps. An artifact without a
 * status (stored before it existed) is only in the indexes that do not need it.
 */
export const artifactIndexKeys: Record<string, (a: Artifact) => string | undefined> = {
  byRun: (a) => `${a.runId}|${newestKeyOf(a)}`,
  ...Object.fromEntries(
    subsets.map((subset) => [
      indexName(subset),
      (a: Artifact) =>
        subset.some((attr) => a[attr] === undefined)
          ? undefined
          : [...subset.map((attr) => a[attr]!), newestKeyOf(a)].join('|'),
    ]),
  ),
};

/** The index and key prefix that hold exactly the artifacts matching `filter`, newest first. */
export function chooseArtifactIndex(filter: ArtifactAttributeFilter): { index: string; prefix: string } {
  const subset = attributes.filter((a) => filter[a] !== undefined);
  return {
    index: indexName(subset),
    prefix: subset.map((a) => `${filter[a]!}|`).join(''),
  };
}
