import { odata } from '@azure/data-tables';
import { DispatchRecord, Subscription } from '../../contracts/subscription';
import type { DocumentTable } from '../../ports/document-store';
import type { DispatchLedger } from '../../ports/subscription-stores';
import { decodeDoc, encodeDoc } from './doc-codec';
import { createDocumentTable } from './document-table';
import { readTablePage } from './read-table-page';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

/** Event subscriptions, one partition per tenant (a tenant has at most 20: the fan-out reads them all). */
export function createTableSubscriptions(tables: TableService): DocumentTable<Subscription> {
  return createDocumentTable(tables, {
    tableName: 'subscriptions',
    entityName: 'Subscription',
    schema: Subscription,
    id: (s) => s.id,
  });
}

/** PartitionKey = tenant, RowKey = `{subscriptionId}|{eventId}`: one row per event per subscription. */
export function createTableDispatchLedger(tables: TableService): DispatchLedger {
  const table = () => tables.table('subscriptiondispatches');
  const rowKey = (subscriptionId: string, eventId: string) => `${subscriptionId}|${eventId}`;
  return {
    async get(tenantId, subscriptionId, eventId) {
      try {
        const entity = await (
          await table()
        ).getEntity<Record<string, unknown>>(tenantId, rowKey(subscriptionId, eventId));
        return DispatchRecord.parse(decodeDoc(entity));
      } catch (err) {
        if (storageStatus(err) === 404) return undefined;
        throw err;
      }
    },
    async put(tenantId, record) {
      await (
        await table()
      ).upsertEntity(
        {
          partitionKey: tenantId,
          rowKey: rowKey(record.subscriptionId, record.eventId),
          ...encodeDoc(record),
        },
        'Replace',
      );
    },
    async remove(tenantId, subscriptionId, eventId) {
      try {
        await (await table()).deleteEntity(tenantId, rowKey(subscriptionId, eventId));
      } catch (err) {
        if (storageStatus(err) !== 404) throw err;
      }
    },
    async list(tenantId, subscriptionId, { cursor, limit }) {
      const from = `${subscriptionId}|`;
      const filter = odata`PartitionKey eq ${tenantId} and RowKey ge ${from} and RowKey lt ${from + '\uffff'}`;
      const page = await readTablePage(await table(), filter, { limit, token: cursor });
      return {
        items: page.entities.map((e) => DispatchRecord.parse(decodeDoc(e))),
        nextCursor: page.continuationToken,
      };
    },
  };
}
