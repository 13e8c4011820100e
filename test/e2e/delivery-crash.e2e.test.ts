import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableService } from '../../shared/adapters/table/table-service';
import type { DeliveryRecord } from '../../shared/contracts/delivery';
import type { ExecutionRun } from '../../shared/contracts/run';
import { executionQueueName } from '../../shared/contracts/run-messages';
import { ScheduleRecord } from '../../shared/contracts/schedule';
import { newId } from '../../shared/domain/ids';
import { devToken, waitFor } from '../support/host-process';
import { useHostStorage } from '../support/host-storage';
import { demoReport } from '../support/run-deps';

const id = () => newId(new Date(), (n) => randomBytes(n));
const tenantId = 'crashdelivery';

const storage = useHostStorage('rs-delivery-crash');
const startHost = (env: Record<string, string> = {}) =>
  storage().startHost({
    DEMO_SALES_ROWS: '2000',
    DELIVERY_SEND_LEASE_SECONDS: '3',
    DELIVERY_RETRY_BASE_SECONDS: '1',
    ...env,
  });

interface Mail {
  to: string[];
  messageId: string;
}
const mailbox = async (url: string, token: string) =>
  (
    (await (
      await fetch(`${url}/api/v1/dev/mailbox`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: Mail[] }
  ).items;

type KillPoint =
  /** The test kills the host as soon as this holds. */
  | { when: (url: string, runId: string, token: string) => Promise<boolean> }
  /** The host kills itself at this step of its first delivery attempt (LOCAL_CRASH_AT_DELIVERY_STEP). */
  | { step: 'claimed' | 'sent' | 'recorded' };

/** A scheduled run mailing `names`; the host is SIGKILLed at `kill`, then restarted. */
async function runKilledAt(label: string, kill: KillPoint, names = ['ana', 'bo', 'cy']) {
  const repos = createTableRepositories(createTableService({ connectionString: storage().connectionString }));
  const now = new Date().toISOString();
  const report = demoReport(tenantId);
  await repos.reports.insert(tenantId, report);
  const recipients = names.map((name) => `${name}+${label}@example.com`);
  const schedule = ScheduleRecord.parse({
    id: id(),
    tenantId,
    reportId: report.id,
    rule: { kind: 'cron', expression: '0 9 * * *', timezone: 'UTC' },
    emailDelivery: { enabled: true, recipients },
    active: false,
    nextRunAt: null,
    createdBy: 'e2e',
    createdAt: now,
    updatedAt: now,
  });
  await repos.schedules.insert(tenantId, schedule);

  const first = await startHost('step' in kill ? { LOCAL_CRASH_AT_DELIVERY_STEP: kill.step } : {});
  const token = await devToken(first.url, tenantId);
  const runId = id();
  await createStorageQueueMessageBus(
    { connectionString: storage().connectionString },
    () => new Date(),
  ).publish(executionQueueName, {
    messageId: runId,
    body: {
      tenantId,
      runId,
      reportId: report.id,
      scheduleId: schedule.id,
      trigger: 'manual',
      fireTime: null,
      parameters: {},
      requestedBy: 'e2e',
    },
  });
  if ('when' in kill) {
    await waitFor(
      `the kill point (${label})`,
      async () => ((await kill.when(first.url, runId, token)) ? true : undefined),
      90_000,
      10,
    );
    await first.kill('SIGKILL');
  } else {
    await waitFor(
      `the host to kill itself (${label})`,
      () => Promise.resolve(first.child.signalCode ?? undefined),
      90_000,
    );
    expect(first.child.signalCode).toBe('SIGKILL');
  }

  const second = await startHost();
  const token2 = await devToken(second.url, tenantId);
  const get = async <T>(p: string) =>
    (await (
      await fetch(`${second.url}${p}`, { headers: { authorization: `Bearer ${token2}` } })
    ).json()) as T;
  const run = await waitFor(
    'the deliveries to finish after the restart',
    async () => {
      const r = await get<ExecutionRun>(`/api/v1/runs/${runId}`);
      return r.deliveries ? r : undefined;
    },
    150_000,
  );
  expect(run.status).toBe('succeeded');
  expect(run.deliveries).toEqual({ sent: recipients.length, failed: 0 });
  const ledger = (await get<{ items: DeliveryRecord[] }>(`/api/v1/deliveries?runId=${runId}`)).items;
  const mails = (await mailbox(second.url, token2)).filter((m) => recipients.includes(m.to[0]!));
  for (const recipient of recipients) {
    const record = ledger.find((d) => d.recipient === recipient)!;
    expect(record.status).toBe('sent');
    const copies = mails.filter((m) => m.to[0] === recipient);
    // Everyone gets it; a second copy only when the kill fell between a send and its receipt (then the
    // ledger shows a second attempt), and then with the same Message-ID.
    expect(copies.length).toBeGreaterThanOrEqual(1);
    expect(copies.length).toBeLessThanOrEqual(Math.min(2, record.attempts));
    expect(new Set(copies.map((m) => m.messageId)).size).toBe(1);
    expect(copies[0]!.messageId).toContain(record.id);
  }
  await second.kill();
  const copiesOf = (recipient: string) => mails.filter((m) => m.to[0] === recipient);
  return { recipients, ledger, copiesOf };
}

describe('a host killed during delivery', () => {
  it('as soon as the deliveries were planned: every recipient gets the mail, a copy only with the same Message-ID', async () => {
    await runKilledAt('planned', {
      when: async (url, runId, token) => {
        const res = await fetch(`${url}/api/v1/deliveries?runId=${runId}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return res.ok && ((await res.json()) as { items: unknown[] }).items.length === 3;
      },
    });
  }, 300_000);

  // One recipient from here on: with several, the others' sends run concurrently and may be anywhere
  // when the process dies; with one, the kill falls exactly at the named step.
  it('after the send was claimed, before it went out: one mail, sent by the second attempt', async () => {
    const { recipients, ledger, copiesOf } = await runKilledAt('claimed', { step: 'claimed' }, ['dee']);
    expect(copiesOf(recipients[0]!)).toHaveLength(1);
    expect(ledger[0]!.attempts).toBe(2);
  }, 300_000);

  it('between the send and its receipt (the documented window): a second copy, with the same Message-ID', async () => {
    const { recipients, ledger, copiesOf } = await runKilledAt('sent', { step: 'sent' }, ['eve']);
    expect(copiesOf(recipients[0]!)).toHaveLength(2);
    expect(ledger[0]!.attempts).toBe(2);
  }, 300_000);

  it('after the receipt was written: no second copy', async () => {
    const { recipients, ledger, copiesOf } = await runKilledAt('recorded', { step: 'recorded' }, ['fay']);
    expect(copiesOf(recipients[0]!)).toHaveLength(1);
    expect(ledger[0]!.attempts).toBe(1);
  }, 300_000);
});
