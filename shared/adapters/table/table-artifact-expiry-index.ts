import { odata } from '@azure/data-tables';
import type { ArtifactExpiryIndex } from '../../ports/artifact-expiry-index';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

const dayBucket = (iso: string) => `exp-${iso.slice(0, 10).replace(/-/g, '')}`;

export function createTableArtifactExpiryIndex(tables: TableService): ArtifactExpiryIndex {
  const table = () => tables.table('artifactexpiry');
  return {
    async add(entry) {
      await (
        await table()
      ).upsertEntity(
        {
          partitionKey: dayBucket(entry.expiresAt),
          rowKey: `${entry.tenantId}|${entry.artifactId}`,
          ...entry,
        },
        'Replace',
      );
    },
    async expiredBy(until) {
      const filter = odata`PartitionKey ge ${'exp-'} and PartitionKey le ${dayBucket(until.toISOString())}`;
      const entries = [];
      for await (const row of (await table()).listEntities<{
        tenantId: string;
        artifactId: string;
        expiresAt: string;
      }>({
        queryOptions: { filter },
      })) {
        if (row.expiresAt <= until.toISOString()) {
          entries.push({ tenantId: row.tenantId, artifactId: row.artifactId, expiresAt: row.expiresAt });
        }
      }
      return entries;
    },
    async remove(entry) {
      try {
        await (
          await table()
        ).deleteEntity(dayBucket(entry.expiresAt), `${entry.tenantId}|${entry.artifactId}`);
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
  };
}
