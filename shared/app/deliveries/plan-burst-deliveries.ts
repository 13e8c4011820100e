import type { Artifact } from '../../contracts/artifact';
import { scheduleEmailTargetKey, type DeliveryRecord } from '../../contracts/delivery';
import type { ExecutionRun } from '../../contracts/run';
import type { Schedule } from '../../contracts/schedule';
import { readBurstManifest } from '../pipeline/burst-slices';
import type { DeliveryDeps } from './delivery-deps';

/** One ledger record to insert: who gets it, through which email key, and only these artifacts. */
export type PlannedSliceSend = Pick<DeliveryRecord, 'targetId' | 'channel' | 'recipient' | 'artifactIds'>;

/**
 * A bursting run's sends: for each slice of its manifest, each of the slice's recipients, through each email
 * channel of the schedule (its own email when enabled, each active email target — their own recipient lists
 * are replaced by the slice's), with the artifacts of that slice and no other. Other targets get nothing
 * (a schedule with burst cannot name them; one named before is skipped). The ledger key is the usual
 * (run, target, recipient), and an address is in one slice only, so a recipient gets one send per channel.
 */
export async function planBurstSends(
  deps: DeliveryDeps,
  run: ExecutionRun,
  schedule: Pick<Schedule, 'emailDelivery' | 'deliveryTargetIds'>,
): Promise<PlannedSliceSend[]> {
  const channels: string[] = schedule.emailDelivery?.enabled ? [scheduleEmailTargetKey] : [];
  for (const targetId of schedule.deliveryTargetIds) {
    const target = (await deps.repos.deliveryTargets.get(run.tenantId, targetId))?.doc;
    if (target?.active && target.type === 'email') channels.push(targetId);
  }
  if (channels.length === 0) return [];
  const manifest = await readBurstManifest(deps.blobs, run.tenantId, run.id);
  const bySlice = new Map<string, Artifact[]>();
  for (const artifact of await allArtifactsOf(deps, run)) {
    if (!artifact.slice) continue;
    bySlice.set(artifact.slice.key, [...(bySlice.get(artifact.slice.key) ?? []), artifact]);
  }
  const sends: PlannedSliceSend[] = [];
  for (const slice of manifest.slices) {
    const artifactIds = (bySlice.get(slice.key) ?? [])
      .sort((a, b) => a.format.localeCompare(b.format))
      .map((a) => a.id);
    if (artifactIds.length === 0) continue;
    for (const recipient of slice.recipients)
      for (const targetId of channels) sends.push({ targetId, channel: 'email', recipient, artifactIds });
  }
  return sends;
}

async function allArtifactsOf(deps: DeliveryDeps, run: ExecutionRun): Promise<Artifact[]> {
  const all: Artifact[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.repos.artifacts.list(run.tenantId, {
      index: 'byRun',
      prefix: `${run.id}|`,
      limit: 100,
      cursor,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
