import type { DeliveryRecord } from '../../../contracts/delivery';
import type { Page } from '../../../ports/document-store';
import { readAuditTrail } from '../../audit/export-audit-events';
import { toReceipt } from '../../deliveries/list-deliveries';
import { EXPORT_ARTIFACT_LINK_DAYS, EXPORT_PAGE_SIZE, type TenantExportDeps } from './tenant-export-deps';

/** One file of the zip: its name and its records, read page by page. */
export interface ExportSection {
  file: string;
  records: () => AsyncIterable<unknown>;
}

type Lister<T> = (cursor: string | null) => Promise<Page<T>>;

async function* everyPage<T>(list: Lister<T>): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list(cursor);
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

const secretKey = /secret|password|token|credential|connectionstring|apikey|privatekey/i;

/**
 * A definition without secret values: a field whose name speaks of a secret keeps only a `secret:NAME`
 * reference (how definitions name secrets, docs/secrets.md); anything else under such a name is dropped.
 * Stored definitions hold references only, so this guards against a field added later, not a known leak.
 */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value === null || typeof value !== 'object') return value;
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (secretKey.test(key) && !(typeof field === 'string' && field.startsWith('secret:'))) continue;
    kept[key] = withoutSecrets(field);
  }
  return kept;
}

/** A delivery with its receipt; a fallback link's signed URL is a credential and is left out. */
function deliveryLine(record: DeliveryRecord) {
  const { link, ...rest } = record;
  const unsigned = link ? { expiresAt: link.expiresAt } : null;
  return { ...rest, link: unsigned, receipt: { ...toReceipt(record), link: unsigned } };
}

/** Every file of a tenant's export but the manifest, in the order they are written. */
export function exportSections(deps: TenantExportDeps, tenantId: string, now: Date): ExportSection[] {
  const { repos } = deps;
  const page = { limit: EXPORT_PAGE_SIZE };
  const linkExpiresAt = new Date(now.getTime() + EXPORT_ARTIFACT_LINK_DAYS * 86_400_000);
  const all = <T>(table: {
    list: (t: string, o: { limit: number; cursor: string | null }) => Promise<Page<T>>;
  }) => everyPage<T>((cursor) => table.list(tenantId, { ...page, cursor }));
  return [
    { file: 'reports.ndjson', records: () => all(repos.reports) },
    { file: 'report-versions.ndjson', records: () => all(repos.reportVersions) },
    { file: 'schedules.ndjson', records: () => all(repos.schedules) },
    {
      file: 'delivery-targets.ndjson',
      records: async function* () {
        for await (const target of all(repos.deliveryTargets)) yield withoutSecrets(target);
      },
    },
    {
      file: 'data-sources.ndjson',
      records: async function* () {
        for await (const source of all(deps.dataSources)) yield withoutSecrets(source);
      },
    },
    { file: 'holiday-calendars.ndjson', records: () => all(repos.holidayCalendars) },
    {
      file: 'event-triggers.ndjson',
      records: async function* () {
        // The signing secret is stored sealed; it is never exported, not even sealed.
        for await (const { secret: _sealed, ...trigger } of all(repos.eventTriggers))
          yield withoutSecrets(trigger);
      },
    },
    {
      file: 'subscriptions.ndjson',
      records: async function* () {
        for await (const s of all(deps.subscriptions)) {
          const { url: _url, secret: _secret, previousSecret: _previous, urlRedacted, ...rest } = s;
          yield withoutSecrets({ ...rest, url: urlRedacted });
        }
      },
    },
    { file: 'runs.ndjson', records: () => all(repos.runs) },
    {
      file: 'deliveries.ndjson',
      records: async function* () {
        for await (const record of all(deps.deliveries)) yield deliveryLine(record);
      },
    },
    {
      file: 'audit-events.ndjson',
      records: () =>
        readAuditTrail({ audit: repos.audit, archive: deps.archive }, tenantId, { from: '', to: '9999' }),
    },
    {
      file: 'artifacts.ndjson',
      records: async function* () {
        for await (const a of all(repos.artifacts))
          yield {
            id: a.id,
            runId: a.runId,
            reportId: a.reportId,
            name: a.fileName,
            format: a.format,
            contentType: a.contentType,
            sizeBytes: a.bytes,
            sha256: a.checksum,
            createdAt: a.createdAt,
            url: await deps.blobs.signedUrl(tenantId, a.blobName, {
              expiresAt: linkExpiresAt,
              downloadName: a.fileName,
            }),
            urlExpiresAt: linkExpiresAt.toISOString(),
          };
      },
    },
  ];
}
