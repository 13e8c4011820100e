import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DeliveryRedriveRequested } from '../../contracts/delivery';
import { ScheduleRecord } from '../../contracts/schedule';
import { newId } from '../../domain/ids';
import { deliver } from '../deliveries/deliver';
import { alertOnScheduleCount } from './schedule-quota-alerts';
import { alertedTenant, createQuotaAlertParts } from './testing/quota-alert-parts';

// The schedules quota's alerts over the test Azurite: real schedules, markers and delivery ledger, the real
// deliver() (quota-alert-parts.ts).
function harness(limit: number | null) {
  const { kit, messages, events, alerts } = createQuotaAlertParts('sq');
  const deps = { ...alerts, repos: kit.repos, limitOf: () => Promise.resolve(limit) };
  const ids: string[] = [];
  async function addSchedule() {
    if (!ids.length)
      await kit.repos.tenants
        .insert(
          kit.tenantId,
          alertedTenant(kit, {
            alertEmails: ['ops@contoso.example'],
            ...(limit === null ? {} : { overrides: { schedules: limit } }),
          }),
        )
        .catch(() => undefined);
    const now = new Date().toISOString();
    const id = newId(new Date(), randomBytes);
    await kit.repos.schedules.insert(
      kit.tenantId,
      ScheduleRecord.parse({
        id,
        tenantId: kit.tenantId,
        reportId: 'r1',
        rule: { kind: 'cron', expression: '0 9 * * *', timezone: 'UTC' },
        emailDelivery: null,
        deliveryTargetIds: [],
        active: true,
        nextRunAt: null,
        createdBy: 'u1',
        createdAt: now,
        updatedAt: now,
      }),
    );
    ids.push(id);
    await alertOnScheduleCount(deps, kit.tenantId);
  }
  async function removeSchedule() {
    await kit.repos.schedules.remove(kit.tenantId, ids.pop()!);
    await alertOnScheduleCount(deps, kit.tenantId);
  }
  async function sendRequested() {
    for (const m of messages.splice(0)) {
      const r = DeliveryRedriveRequested.parse(m.body);
      await deliver(kit.deps, { tenantId: r.tenantId, deliveryId: r.deliveryId, final: false });
    }
    return kit.channels.email.sends.splice(0).map((s) => s.delivery);
  }
  const seen = () => events.splice(0).map((e) => `${e.type} ${String(e.data.used)}/${String(e.data.limit)}`);
  return { kit, addSchedule, removeSchedule, sendRequested, seen };
}

describe('schedules quota alerts', () => {
  it('warns at 80 %, says exceeded at 100 %, once per crossing; below 80 % the next climb warns again', async () => {
    const h = harness(5);
    for (let i = 0; i < 3; i++) await h.addSchedule();
    expect(h.seen()).toEqual([]);

    await h.addSchedule(); // 4 of 5
    expect(h.seen()).toEqual(['quota.warning 4/5']);
    const [warning] = await h.sendRequested();
    expect(warning?.subject).toBe('Contoso: quota warning — schedules');
    expect(warning?.text).toContain('Contoso has used 80 % of its 5 schedules.');
    expect(warning?.text).toContain('New schedules beyond the limit will be refused');
    expect(warning?.address).toEqual({ kind: 'email', to: 'ops@contoso.example' });

    await h.addSchedule(); // 5 of 5
    expect(h.seen()).toEqual(['quota.exceeded 5/5']);
    expect((await h.sendRequested()).map((d) => d.subject)).toEqual(['Contoso: quota reached — schedules']);

    // Going down and up within the crossing (still at or above 80 %) alerts nothing more.
    await h.removeSchedule(); // 4
    await h.addSchedule(); // 5
    expect(h.seen()).toEqual([]);
    expect(await h.sendRequested()).toEqual([]);

    // Below 80 % the crossing ends; the next climb is a new crossing with its own alerts.
    await h.removeSchedule(); // 4
    await h.removeSchedule(); // 3
    expect(h.seen()).toEqual([]);
    await h.addSchedule(); // 4
    expect(h.seen()).toEqual(['quota.warning 4/5']);
    expect((await h.sendRequested()).map((d) => d.subject)).toEqual(['Contoso: quota warning — schedules']);

    // Every email has its receipt in the delivery ledger.
    const records = await h.kit.deps.ledger.list(h.kit.tenantId, { limit: 100 });
    expect(records.items.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('never alerts an unlimited tenant', async () => {
    const h = harness(null);
    for (let i = 0; i < 3; i++) await h.addSchedule();
    expect(h.seen()).toEqual([]);
    expect(await h.sendRequested()).toEqual([]);
  });
});
