import { odata } from '@azure/data-tables';
import { decodeDoc } from '../../shared/adapters/table/doc-codec';
import type { TableService } from '../../shared/adapters/table/table-service';
import { forEachConcurrently } from '../../shared/app/sweep/for-each-concurrently';
import { Schedule } from '../../shared/contracts/schedule';
import { nextFire } from '../../shared/domain/scheduling/next-fires';
import type { Repositories } from '../../shared/ports/repositories';

const isDue = (schedule: Schedule, now: Date, until: Date) => {
  const next = schedule.active ? nextFire(schedule.rule, new Date(now.getTime() - 60_000)) : null;
  return next !== null && next.utc <= until;
};

/** The naive sweep as the repository API allows: every tenant's schedules (a partition each), next fire of each. */
export async function naivePerTenantScan(
  repos: Repositories,
  tenantIds: readonly string[],
  now: Date,
  until: Date,
): Promise<number> {
  let due = 0;
  await forEachConcurrently(tenantIds, 16, async (tenantId) => {
    let cursor: string | null = null;
    do {
      const page = await repos.schedules.list(tenantId, { limit: 1000, cursor });
      due += page.items.filter((s) => isDue(s, now, until)).length;
      cursor = page.nextCursor;
    } while (cursor);
  });
  return due;
}

/** The naive sweep at its cheapest: one query over the whole table (main rows only), next fire of each. */
export async function naiveTableScan(tables: TableService, now: Date, until: Date): Promise<number> {
  const client = await tables.table('schedules');
  const filter = odata`RowKey ge ${'id|'} and RowKey lt ${'id}'}`;
  let due = 0;
  for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
    if (isDue(Schedule.parse(decodeDoc(entity)), now, until)) due++;
  }
  return due;
}
