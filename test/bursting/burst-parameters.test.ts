import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { planDeliveries } from '../../shared/app/deliveries/plan-deliveries';
import { burstHarness } from './burst-support';

// Parameters-mode bursting: the report runs once per distinct parameter set; recipients sharing a set share
// its slice. The data source counts the queries; the ledger says which artifacts each recipient gets.
const report = {
  dataSource: {
    connectionId: 'demo',
    sql: `select * from (values ('EU', 'eu-1'), ('EU', 'eu-2'), ('US', 'us-1')) as t(region, item) where region = $region order by item`,
    parameters: [{ name: 'region', type: 'string' as const, required: true }],
  },
  outputs: [{ format: 'csv' as const }, { format: 'json' as const }],
};

describe('bursting by parameter sets', () => {
  it('queries once per distinct set and gives recipients sharing a set the same slice, and only it', async () => {
    const h = burstHarness();
    const { schedule } = await h.seed(report, {
      mode: 'parameters',
      recipients: [
        { to: ['Ana@example.com'], parameters: { region: 'EU' } },
        { to: ['bo@example.com'], parameters: { region: 'EU' } },
        { to: ['cy@example.com'], parameters: { region: 'US' } },
      ],
    });
    const run = await h.runOnce(schedule);
    expect(run.error).toBeNull();
    expect(h.queries).toEqual([{ region: 'EU' }, { region: 'US' }]);
    const stored = (await h.kit.repos.runs.get(h.tenantId, run.ref.runId))!.doc;
    expect(stored.rowCount).toBe(3);
    expect(stored.burst).toMatchObject({ mode: 'parameters', slices: 2 });
    expect(run.artifactIds).toHaveLength(4); // 2 slices × 2 formats

    const { deliveryIds } = await planDeliveries(h.deliveries, run.ref);
    const records = await Promise.all(
      deliveryIds.map(async (id) => (await h.deliveries.ledger.get(h.tenantId, id))!.doc),
    );
    const byRecipient = Object.fromEntries(records.map((r) => [r.recipient, r.artifactIds]));
    expect(Object.keys(byRecipient).sort()).toEqual(['ana@example.com', 'bo@example.com', 'cy@example.com']);
    expect(byRecipient['ana@example.com']).toEqual(byRecipient['bo@example.com']);
    expect(byRecipient['cy@example.com']).toHaveLength(2);
    expect(byRecipient['cy@example.com']!.some((id) => byRecipient['ana@example.com']!.includes(id))).toBe(
      false,
    );

    const itemsOf = async (ids: string[]) => {
      const csv = (
        await Promise.all(ids.map(async (id) => (await h.kit.repos.artifacts.get(h.tenantId, id))!.doc))
      ).find((a) => a.format === 'csv')!;
      expect(csv.slice?.label).toBeDefined();
      const rows = parse<{ item: string }>(
        await buffer(await h.kit.blobs.openRead(h.tenantId, csv.blobName)),
        {
          columns: true,
        },
      );
      return { label: csv.slice!.label, items: rows.map((r) => r.item) };
    };
    expect(await itemsOf(byRecipient['ana@example.com']!)).toEqual({
      label: 'region=EU',
      items: ['eu-1', 'eu-2'],
    });
    expect(await itemsOf(byRecipient['cy@example.com']!)).toEqual({ label: 'region=US', items: ['us-1'] });
  });

  it('skips the whole run when the condition is false on the union of the slices', async () => {
    const h = burstHarness();
    const { schedule } = await h.seed(report, {
      mode: 'parameters',
      recipients: [
        { to: ['ana@example.com'], parameters: { region: 'EU' } },
        { to: ['cy@example.com'], parameters: { region: 'US' } },
      ],
    });
    await h.kit.repos.schedules.replace(
      h.tenantId,
      { ...schedule, condition: 'rowCount > 3' },
      (await h.kit.repos.schedules.get(h.tenantId, schedule.id))!.etag,
    );
    const run = await h.runOnce(schedule);
    expect(run.extracted).toMatchObject({ ok: true, rowCount: 3, skipped: expect.any(String) });
    expect(run.extracted && run.extracted.ok ? run.extracted.slices : 'failed').toBeUndefined();
    expect(run.artifactIds).toEqual([]);
    expect(await planDeliveries(h.deliveries, run.ref)).toEqual({ deliveryIds: [] });
  });
});
