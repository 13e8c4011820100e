import { gunzipSync, gzipSync } from 'node:zlib';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from '../../ports/idempotency-store';
import { decodeDoc, encodeDoc } from './doc-codec';
import { storageStatus } from './storage-errors';
import type { TableService } from './table-service';

interface Row {
  fingerprint: string;
  state: IdempotencyRecord['state'];
  createdAt: string;
  expiresAt: string;
  lockedUntil: string;
  etag: string;
  [chunk: string]: unknown;
}

/** The response is kept gzip'd (a report with its template can be large), split like any document. */
const packResponse = (response: StoredResponse | null) =>
  response === null ? {} : encodeDoc(gzipSync(JSON.stringify(response)).toString('base64'));

function unpackResponse(row: Record<string, unknown>): StoredResponse | null {
  if (typeof row.doc !== 'string') return null;
  const packed = decodeDoc(row) as string;
  return JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8')) as StoredResponse;
}

/**
 * Idempotency keys in Table storage: PartitionKey = tenant, RowKey = the key's hash. Expired rows are
 * inert (a new request takes them over); a purge can delete rows whose `expiresAt` has passed.
 */
export function createTableIdempotencyStore(
  tables: TableService,
  tableName = 'idempotencykeys',
): IdempotencyStore {
  const table = () => tables.table(tableName);
  const entity = (tenantId: string, id: string, record: IdempotencyRecord) => ({
    partitionKey: tenantId,
    rowKey: id,
    fingerprint: record.fingerprint,
    state: record.state,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    lockedUntil: record.lockedUntil,
    ...packResponse(record.response),
  });
  return {
    async insert(tenantId, id, record) {
      try {
        return (await (await table()).createEntity(entity(tenantId, id, record))).etag ?? '';
      } catch (err) {
        if (storageStatus(err) === 409) return null;
        throw err;
      }
    },
    async get(tenantId, id) {
      try {
        const row = await (await table()).getEntity<Row>(tenantId, id);
        return {
          etag: row.etag,
          record: {
            fingerprint: row.fingerprint,
            state: row.state,
            createdAt: row.createdAt,
            expiresAt: row.expiresAt,
            lockedUntil: row.lockedUntil,
            response: unpackResponse(row),
          },
        };
      } catch (err) {
        if (storageStatus(err) === 404) return undefined;
        throw err;
      }
    },
    async replace(tenantId, id, record, etag) {
      try {
        return (
          (await (await table()).updateEntity(entity(tenantId, id, record), 'Replace', { etag })).etag ?? ''
        );
      } catch (err) {
        const status = storageStatus(err);
        if (status === 412 || status === 404) return null;
        throw err;
      }
    },
    async remove(tenantId, id, etag) {
      try {
        await (await table()).deleteEntity(tenantId, id, { etag });
      } catch (err) {
        const status = storageStatus(err);
        if (status !== 412 && status !== 404) throw err;
      }
    },
  };
}
