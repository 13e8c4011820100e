import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { z } from 'zod';
import type { ParameterValues } from '../../contracts/schedule';
import type { Burst } from '../../contracts/schedule-burst';
import { AppError } from '../../domain/errors';
import type { ArtifactBlobStore } from '../../ports/artifact-blob-store';
import type { Column, Row } from '../../ports/data-source';

/**
 * The slices of a bursting run. A slice's key is a hash of what identifies it (its recipient, or its
 * parameter set): blob names and orchestration I/O carry keys, never addresses. The manifest blob maps each
 * key to its label and recipients; planDeliveries reads it once.
 */
export const sliceKeyOf = (identity: string) =>
  createHash('sha256').update(`slice|${identity}`).digest('hex').slice(0, 24);

/** Where a slice is written (relative to the tenant's prefix) … */
export const sliceBlobName = (runId: string, key: string) => `runs/${runId}/burst/${key}.ndjson`;
/** … and the stored name it is read by (the store keeps every tenant's blobs under `tenants/{tenantId}/`). */
export const stagedSliceBlob = (tenantId: string, runId: string, key: string) =>
  `tenants/${tenantId}/${sliceBlobName(runId, key)}`;
const manifestBlobName = (runId: string) => `runs/${runId}/burst/slices.json`;

export const BurstManifest = z.strictObject({
  mode: z.enum(['column', 'parameters']),
  slices: z.array(
    z.strictObject({
      key: z.string(),
      /** The recipient address (column mode) or the parameter values (`region=EU`). */
      label: z.string(),
      recipients: z.array(z.string()),
      rowCount: z.number().int().min(0),
    }),
  ),
});
export type BurstManifest = z.output<typeof BurstManifest>;
export type SliceEntry = BurstManifest['slices'][number];

export async function writeBurstManifest(
  blobs: ArtifactBlobStore,
  tenantId: string,
  runId: string,
  manifest: BurstManifest,
): Promise<void> {
  await blobs.write(
    tenantId,
    manifestBlobName(runId),
    Buffer.from(JSON.stringify(manifest), 'utf8'),
    'application/json',
  );
}

export async function readBurstManifest(
  blobs: ArtifactBlobStore,
  tenantId: string,
  runId: string,
): Promise<BurstManifest> {
  return BurstManifest.parse(
    JSON.parse(await text(await blobs.openRead(tenantId, `tenants/${tenantId}/${manifestBlobName(runId)}`))),
  );
}

export const tooManySlices = (max: number) =>
  new AppError('BURST_TOO_MANY_SLICES', `The burst splits this run into more than ${max} slices`, {
    suggestedFix: `Send to at most ${max} recipients per schedule: split the schedule (e.g. by region) or aggregate the query.`,
  });

/** The result column the burst names: its exact name, else the one column equal to it ignoring case. */
export function burstColumn(columns: readonly Column[], wanted: string): string {
  const exact = columns.find((c) => c.name === wanted);
  if (exact) return exact.name;
  const folded = columns.filter((c) => c.name.toLowerCase() === wanted.toLowerCase());
  if (folded.length === 1) return folded[0]!.name;
  const names = columns.map((c) => c.name).join(', ');
  throw new AppError(
    'BURST_COLUMN_MISSING',
    `The column "${wanted}" that the schedule's burst splits by is not in the report's result`,
    {
      suggestedFix: `Set the schedule's burst column to one of the result's columns (${names}), or add "${wanted}" to the report's query.`,
    },
  );
}

const Email = z.email();

/**
 * Column mode: rows grouped by their recipient (the column's value trimmed and lower-cased, when it is an
 * email address). Rows without one, and rows for an address outside `allowedDomains`, go to no one and are
 * counted. More distinct addresses than `maxSlices` throws BURST_TOO_MANY_SLICES as soon as it happens.
 * The groups are held in memory until the query ends (bounded by the run's row limit).
 */
export function createColumnSplitter(
  burst: Extract<Burst, { mode: 'column' }>,
  column: string,
  maxSlices: number,
) {
  const groups = new Map<string, Row[]>();
  const outside = new Set<string>();
  const verdicts = new Map<string, string | null>();
  let unassignedRows = 0;
  const domains = burst.allowedDomains;
  const addressOf = (value: unknown): string | null => {
    if (typeof value !== 'string') return null;
    const cached = verdicts.get(value);
    if (cached !== undefined) return cached;
    const address = value.trim().toLowerCase();
    const verdict = address && Email.safeParse(address).success ? address : null;
    verdicts.set(value, verdict);
    return verdict;
  };
  return {
    add(rows: readonly Row[]) {
      for (const row of rows) {
        const address = addressOf(row[column]);
        if (address === null) {
          unassignedRows++;
          continue;
        }
        if (domains && !domains.includes(address.slice(address.lastIndexOf('@') + 1))) {
          outside.add(address);
          continue;
        }
        let group = groups.get(address);
        if (!group) {
          if (groups.size >= maxSlices) throw tooManySlices(maxSlices);
          groups.set(address, (group = []));
        }
        group.push(row);
      }
    },
    /** Slices in address order (stable across retries). */
    slices: () =>
      [...groups.keys()].sort().map((address) => ({
        key: sliceKeyOf(address),
        label: address,
        recipients: [address],
        rows: groups.get(address)!,
      })),
    counts: () => ({ unassignedRows, outsideDomains: outside.size }),
  };
}

/** `region=EU, year=2026`: a parameter set as people read it (names in order). */
export const parameterLabel = (set: ParameterValues) =>
  Object.keys(set)
    .sort()
    .map((name) => `${name}=${String(set[name])}`)
    .join(', ') || '(no parameters)';

/**
 * Parameters mode: one slice per distinct parameter set (recipients that share a set share the slice; the
 * same set written in another key order is the same set), its recipients lower-cased, in set order.
 */
export function parameterSlices(
  burst: Extract<Burst, { mode: 'parameters' }>,
  maxSlices: number,
): Array<{ key: string; label: string; recipients: string[]; parameters: ParameterValues }> {
  const slices = new Map<
    string,
    { key: string; label: string; recipients: string[]; parameters: ParameterValues }
  >();
  for (const recipient of burst.recipients) {
    const canonical = JSON.stringify(
      Object.keys(recipient.parameters)
        .sort()
        .map((k) => [k, recipient.parameters[k]]),
    );
    let slice = slices.get(canonical);
    if (!slice) {
      if (slices.size >= maxSlices) throw tooManySlices(maxSlices);
      slice = {
        key: sliceKeyOf(`params|${canonical}`),
        label: parameterLabel(recipient.parameters),
        recipients: [],
        parameters: recipient.parameters,
      };
      slices.set(canonical, slice);
    }
    for (const to of recipient.to) {
      const address = to.toLowerCase();
      if (!slice.recipients.includes(address)) slice.recipients.push(address);
    }
  }
  return [...slices.values()];
}
