import type { RunStatus } from '../../contracts/run';
import type { Tenant } from '../../contracts/tenant';
import type { RunRecordRetention } from '../../ports/run-record-retention';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { effectiveTenantSettings } from '../tenants/tenant-settings';
import { newTenantRecord } from '../tenants/tenant-profiles';
import { forEachConcurrently } from '../sweep/for-each-concurrently';

export interface RunRetentionDeps {
  directory: TenantDirectory;
  store: RunRecordRetention;
  clock: () => Date;
  /** Time after which no further tenant is started (default 8 min, under the 10 min function timeout). */
  budgetMs?: number;
}

export interface RunRetentionOutcome {
  tenants: number;
  runsRemoved: number;
  /** Runs past retention kept because they have not finished (queued or running, however old). */
  unfinishedKept: number;
  countersRemoved: number;
  /** Tenants whose pass failed (a storage error): the others went on; the next pass tries them again. */
  failedTenants: { tenantId: string; error: string }[];
  /** The budget ran out: the tenants not visited are the next pass's. */
  stoppedEarly: boolean;
}

const DAY_MS = 86_400_000;
/** Tenants read per directory page. */
const TENANT_PAGE = 1000;
/** Tenants worked on at once: each is a few sequential requests in its own partition. */
const TENANTS_AT_ONCE = 8;
const DEFAULT_BUDGET_MS = 8 * 60_000;

/** A run in one of these states never changes again; only such runs are removed. */
const finished: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'aborted', 'missed', 'skipped']);

/**
 * One tenant: its finished runs created more than its retention days ago (the same days its artifacts are
 * kept), and its daily execution counters of days before yesterday (UTC). The counters go in the first
 * transaction of the runs, or alone when no run expired.
 */
async function expireTenantRuns(
  deps: RunRetentionDeps,
  tenant: Tenant,
  now: Date,
  overBudget: () => boolean,
) {
  const { retentionDays } = effectiveTenantSettings(tenant);
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const yesterday = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  let counterDays = await deps.store.counterDaysBefore(tenant.id, yesterday);
  const outcome = { runsRemoved: 0, unfinishedKept: 0, countersRemoved: counterDays.length };
  let cursor: string | null = null;
  do {
    const page = await deps.store.createdBefore(tenant.id, cutoff, cursor);
    const expired = page.items.filter((run) => finished.has(run.status));
    outcome.unfinishedKept += page.items.length - expired.length;
    outcome.runsRemoved += await deps.store.remove(tenant.id, expired, counterDays);
    counterDays = [];
    cursor = page.nextCursor;
    // A tenant with a large backlog stops between pages too; the next pass goes on with it.
  } while (cursor && !overBudget());
  return { ...outcome, cutShort: cursor !== null };
}

/** Every tenant once, a page at a time: the directory's records, then the tenants with reports but no record. */
async function* tenantPages(deps: RunRetentionDeps, now: Date): AsyncGenerator<Tenant[]> {
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const page = await deps.directory.list({ limit: TENANT_PAGE, cursor });
    for (const tenant of page.items) seen.add(tenant.id);
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
  do {
    const page = await deps.store.tenantsWithReports(cursor);
    const unseen = page.items.filter((id) => !seen.has(id));
    for (const id of unseen) seen.add(id);
    // As the run's artifacts were given (render-artifact.ts): a tenant without a record has a new one's settings.
    yield unseen.map((id) => newTenantRecord(id, now));
    cursor = page.nextCursor;
  } while (cursor);
}

/**
 * The daily pass over run records (docs/retention.md): for each tenant, one range query of the runs
 * partition's `newest` index for rows past the tenant's retention and one of its counter rows, then the
 * deletes — O(tenants + expired rows) requests (and one per 1,000 reports, to find the tenants without a
 * record), and nothing written when a run is created. Every run goes whole in one transaction, so a pass
 * that stops midway leaves whole runs, and the next pass finds the rest. Tenants go 8 at a time; no tenant
 * is started once `budgetMs` has passed, so the pass ends before the function timeout rather than being cut.
 */
export async function expireRunRecords(deps: RunRetentionDeps): Promise<RunRetentionOutcome> {
  const now = deps.clock();
  const budgetMs = deps.budgetMs ?? DEFAULT_BUDGET_MS;
  const overBudget = () => deps.clock().getTime() - now.getTime() > budgetMs;
  const total: RunRetentionOutcome = {
    tenants: 0,
    runsRemoved: 0,
    unfinishedKept: 0,
    countersRemoved: 0,
    failedTenants: [],
    stoppedEarly: false,
  };
  const visit = async (tenant: Tenant) => {
    if (overBudget()) {
      total.stoppedEarly = true;
      return;
    }
    total.tenants++;
    try {
      const outcome = await expireTenantRuns(deps, tenant, now, overBudget);
      total.runsRemoved += outcome.runsRemoved;
      total.unfinishedKept += outcome.unfinishedKept;
      total.countersRemoved += outcome.countersRemoved;
      if (outcome.cutShort) total.stoppedEarly = true;
    } catch (err) {
      // One tenant's failure must not stop the others behind it, day after day.
      total.failedTenants.push({
        tenantId: tenant.id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  };
  for await (const page of tenantPages(deps, now)) {
    await forEachConcurrently(page, TENANTS_AT_ONCE, visit);
    if (total.stoppedEarly) break;
  }
  return total;
}
