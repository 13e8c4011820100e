import { QueueClient } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';
import { createStorageQueueMessageBus } from '../../adapters/messaging/storage-queue-message-bus';
import { createTableDueIndex, createTableFireGates } from '../../adapters/table/table-scheduler-store';
import { createTableRepositories } from '../../adapters/table/table-repositories';
import { createTableService } from '../../adapters/table/table-service';
import type { MessageBus } from '../../ports/message-bus';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createSchedule } from './create-schedule';
import { runIdForFire, sweepDueSchedules, type SweepDeps } from './sweep-due-schedules';

function setup(clock: { now: Date }, bus?: MessageBus) {
  const tables = createTableService(
    { connectionString: testConnectionString() },
    { prefix: uniqueName('s') },
  );
  const queueName = uniqueName('exec');
  const deps: SweepDeps = {
    repos: createTableRepositories(tables),
    dueIndex: createTableDueIndex(tables),
    gates: createTableFireGates(tables),
    bus: bus ?? createStorageQueueMessageBus({ connectionString: testConnectionString() }, () => clock.now),
    clock: () => clock.now,
    executionQueue: queueName,
    lookaheadSeconds: 30,
  };
  const queue = new QueueClient(testConnectionString(), queueName);
  const messages = async () => {
    await queue.createIfNotExists();
    const peeked = await queue.peekMessages({ numberOfMessages: 32 });
    return peeked.peekedMessageItems.map(
      (m) =>
        JSON.parse(Buffer.from(m.messageText, 'base64').toString()) as {
          messageId: string;
          body: { fireTime: string };
        },
    );
  };
  return { deps, messages };
}

const schedule = (id: string) => ({
  id,
  tenantId: 'acme',
  reportId: 'r1',
  kind: 'cron' as const,
  cronExpr: '* * * * *',
  timezone: 'UTC',
  active: true,
  parameters: {},
  createdBy: 'u1',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('schedule sweep', () => {
  it('publishes each due fire once, with the run id as message id, and advances the schedule', async () => {
    const clock = { now: new Date('2026-11-28T10:00:20Z') };
    const { deps, messages } = setup(clock);
    await createSchedule(deps, schedule('s1'));
    clock.now = new Date('2026-11-28T10:00:45Z'); // 10:01:00 is inside the 30 s look-ahead
    expect(await sweepDueSchedules(deps)).toEqual({ due: 1, published: 1 });
    expect(await sweepDueSchedules(deps)).toEqual({ due: 0, published: 0 });
    const sent = await messages();
    expect(sent).toHaveLength(0); // not visible before its fire time
    const stored = await deps.repos.schedules.get('acme', 's1');
    expect(stored?.doc.nextRunAt).toBe('2026-11-28T10:02:00.000Z');
  });

  it('loses no fire and doubles none when publishing fails midway', async () => {
    const clock = { now: new Date('2026-11-28T10:00:20Z') };
    const real = createStorageQueueMessageBus({ connectionString: testConnectionString() }, () => clock.now);
    let failNext = true;
    const flaky: MessageBus = {
      ping: () => real.ping(),
      publish: async (queue, message) => {
        if (failNext) {
          failNext = false;
          throw new Error('bus down');
        }
        await real.publish(queue, message);
      },
    };
    const { deps, messages } = setup(clock, flaky);
    await createSchedule(deps, schedule('s2'));
    clock.now = new Date('2026-11-28T10:01:05Z'); // the 10:01 fire is due now
    await expect(sweepDueSchedules(deps)).rejects.toThrow('bus down');
    expect(await sweepDueSchedules(deps)).toEqual({ due: 1, published: 1 }); // pending gate → published again
    expect(await sweepDueSchedules(deps)).toEqual({ due: 0, published: 0 });
    const sent = await messages();
    expect(sent.map((m) => m.body.fireTime)).toEqual(['2026-11-28T10:01:00.000Z']);
    expect(sent[0]!.messageId).toBe(
      runIdForFire({ tenantId: 'acme', scheduleId: 's2', fireTime: '2026-11-28T10:01:00.000Z' }),
    );
  });

  it('drops due rows of paused or deleted schedules', async () => {
    const clock = { now: new Date('2026-11-28T10:00:20Z') };
    const { deps } = setup(clock);
    const s = await createSchedule(deps, schedule('s3'));
    const stored = await deps.repos.schedules.get('acme', 's3');
    await deps.repos.schedules.replace('acme', { ...s, active: false }, stored!.etag);
    clock.now = new Date('2026-11-28T10:01:05Z');
    expect(await sweepDueSchedules(deps)).toEqual({ due: 1, published: 0 });
    expect(await deps.dueIndex.dueUntil(new Date('2026-11-28T11:00:00Z'))).toEqual([]);
  });
});
