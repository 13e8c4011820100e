import { describe, expect, it } from 'vitest';
import { createTableExecutionQuota } from '../../adapters/table/table-execution-quota';
import { DeliveryRedriveRequested } from '../../contracts/delivery';
import { deliver } from '../deliveries/deliver';
import { type createDeliveryTestKit } from '../deliveries/testing/delivery-test-kit';
import { withQuotaAlerts } from './alerting-execution-quota';
import type { ExecutionRun } from '../../contracts/run';
import { queuedRun } from '../runs/admit-execution-request';
import { alertOnQuotaThreshold, reachedThreshold } from './quota-alerts';
import { alertedTenant, createQuotaAlertParts } from './testing/quota-alert-parts';

// Quota alerts over the test Azurite: the real quota counter, markers and delivery ledger, the real
// deliver() with its claim (quota-alert-parts.ts). The bus records messages (the consumer of redrive
// requests starts deliverOne for each).
function harness(limit = 10) {
  const { kit, tables, messages, events, alerts } = createQuotaAlertParts('qa');
  const alertDeps = { ...alerts, limitOf: () => Promise.resolve(limit) };
  // Two processes' quota objects on the same counter rows: their consumes race for real.
  const quotas = [0, 1].map(() =>
    withQuotaAlerts(
      createTableExecutionQuota(tables, {
        tierOf: () => Promise.resolve('enterprise'),
        limitOf: alertDeps.limitOf,
      }),
      alertDeps,
    ),
  );
  /** What the redrive consumer would do: one deliver per request — here two at once, as duplicate starts. */
  async function sendRequested() {
    const requests = messages.map((m) => DeliveryRedriveRequested.parse(m.body));
    await Promise.all(
      requests.flatMap((r) =>
        [0, 1].map(() => deliver(kit.deps, { tenantId: r.tenantId, deliveryId: r.deliveryId, final: false })),
      ),
    );
  }
  return { kit, quotas, alertDeps, messages, events, sendRequested };
}

async function setAlertEmails(kit: ReturnType<typeof createDeliveryTestKit>, emails: string[]) {
  await kit.repos.tenants.insert(
    kit.tenantId,
    alertedTenant(kit, { alertEmails: emails, overrides: { executionsPerDay: 10 } }),
  );
}

describe('quota alerts', () => {
  it('reaches 80 at four fifths and 100 at the limit', () => {
    expect([reachedThreshold(7, 10), reachedThreshold(8, 10), reachedThreshold(10, 10)]).toEqual([
      null,
      80,
      100,
    ]);
    expect(reachedThreshold(1_000_000, null)).toBeNull();
  });

  it('sends exactly one 80 % email and one 100 % email, and one event of each, to concurrent runs', async () => {
    const h = harness();
    await setAlertEmails(h.kit, ['ops@contoso.example']);
    const now = new Date();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 14 }, (_, i) => h.quotas[i % 2]!.consume(h.kit.tenantId, now)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    await h.sendRequested();
    const sends = h.kit.channels.email.sends.map((s) => s.delivery);
    expect(sends.filter((d) => d.subject.includes('quota warning'))).toHaveLength(1);
    expect(sends.filter((d) => d.subject.includes('quota reached'))).toHaveLength(1);
    expect(sends.every((d) => d.address.kind === 'email' && d.address.to === 'ops@contoso.example')).toBe(
      true,
    );
    expect(sends[0]?.text).toContain('of its 10 report executions per day');
    const eventIds = (type: string) => new Set(h.events.filter((e) => e.type === type).map((e) => e.id));
    expect(eventIds('quota.warning').size).toBe(1);
    expect(eventIds('quota.exceeded').size).toBe(1);
    expect(h.events.find((e) => e.type === 'quota.warning')?.data).toMatchObject({
      quota: 'executionsPerDay',
      threshold: 80,
      limit: 10,
    });
    // The ledger keeps the receipts: one record per alert and recipient, sent.
    const records = await h.kit.deps.ledger.list(h.kit.tenantId, { limit: 100 });
    expect(records.items.map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it("alerts on a scheduled fire's counted insert too (the count its transaction wrote), with run now on the same counter", async () => {
    const h = harness();
    await setAlertEmails(h.kit, ['ops@contoso.example']);
    const now = new Date();
    const run = (i: number): ExecutionRun =>
      queuedRun(
        {
          tenantId: h.kit.tenantId,
          runId: `fire-${i}`,
          reportId: 'r1',
          scheduleId: 's1',
          trigger: 'schedule',
          fireTime: now.toISOString(),
          parameters: {},
          requestedBy: 'schedule:s1',
        },
        now,
      );
    const refused = (r: ExecutionRun) => (): ExecutionRun => ({ ...r, status: 'failed' });
    for (let i = 0; i < 7; i++) await h.quotas[0]!.consume(h.kit.tenantId, now); // run now, 70 %
    const fires = await Promise.all(
      [7, 8, 9, 10].map((i) => h.quotas[1]!.insertCounted(h.kit.tenantId, run(i), now, refused(run(i)))),
    );
    expect(fires.map((f) => f.outcome)).toEqual(['inserted', 'inserted', 'inserted', 'over-quota']);
    await h.sendRequested();
    const subjects = h.kit.channels.email.sends.map((s) => s.delivery.subject);
    expect(subjects.filter((t) => t.includes('quota warning'))).toHaveLength(1);
    expect(subjects.filter((t) => t.includes('quota reached'))).toHaveLength(1);
  });

  it('loses nothing to a crash before the marker: the next count sends the alert, still once', async () => {
    const h = harness();
    await setAlertEmails(h.kit, ['ops@contoso.example']);
    const count = { quota: 'executionsPerDay' as const, period: '2026-12-03', used: 8, limit: 10 };
    const crashing = {
      ...h.alertDeps,
      publishEvent: () => Promise.reject(new Error('process died')),
    };
    await expect(alertOnQuotaThreshold(crashing, h.kit.tenantId, count)).rejects.toThrow('process died');
    expect(await h.alertDeps.markers.has(h.kit.tenantId, 'quota-executionsPerDay-2026-12-03-80')).toBe(false);
    await alertOnQuotaThreshold(h.alertDeps, h.kit.tenantId, { ...count, used: 9 });
    await alertOnQuotaThreshold(h.alertDeps, h.kit.tenantId, { ...count, used: 9 });
    await h.sendRequested();
    expect(h.kit.channels.email.sends).toHaveLength(1);
    expect(h.events.filter((e) => e.type === 'quota.warning')).toHaveLength(1);
    expect(await h.alertDeps.markers.has(h.kit.tenantId, 'quota-executionsPerDay-2026-12-03-80')).toBe(true);
  });
});
