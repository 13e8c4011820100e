import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BlobServiceClient } from '@azure/storage-blob';
import { testConnectionString, uniqueName } from '../../test/support/storage';
import { loadTestApp } from '../host/testing/write-test-app';
import { createBlobScheduleStatusStore } from './schedule-status-store';
import { createManualClock } from './timer-clock';
import { createTimerTriggers } from './timer-triggers';

interface Call {
  fn: string;
  timer: {
    isPastDue: boolean;
    schedule: { adjustForDST: boolean };
    scheduleStatus: { last: string; next: string; lastUpdated: string } | null;
  };
}
const g = globalThis as unknown as {
  timerCalls: Call[];
  active: number;
  maxActive: number;
  gate: Promise<void>;
};

const appSource = `
  const { app } = require('@azure/functions');
  const record = (timer, ctx) => globalThis.timerCalls.push({ fn: ctx.functionName, timer });
  app.timer('tick', { schedule: '0 */5 * * * *', handler: record });
  app.timer('startup', { schedule: '0 0 0 * * *', runOnStartup: true, handler: record });
  app.timer('fromSetting', { schedule: '%TickSchedule%', handler: record });
  app.timer('slow', { schedule: '*/10 * * * * *', handler: async (timer, ctx) => {
    record(timer, ctx);
    globalThis.active++;
    globalThis.maxActive = Math.max(globalThis.maxActive, globalThis.active);
    await globalThis.gate;
    globalThis.active--;
  }});
`;

let app: Awaited<ReturnType<typeof loadTestApp>>;
const at = (iso: string) => Date.parse(iso);

beforeAll(async () => {
  app = await loadTestApp(appSource);
});
beforeEach(() => {
  g.timerCalls = [];
  g.active = 0;
  g.maxActive = 0;
  g.gate = Promise.resolve();
});

function triggers(
  names: string[],
  hostId: string,
  clock: ReturnType<typeof createManualClock>,
  settings = {},
) {
  return createTimerTriggers({
    app,
    functions: names.map((n) => app.registry.get(n)!),
    store: createBlobScheduleStatusStore({ connectionString: testConnectionString(), hostId }),
    clock,
    settings,
    log: () => undefined,
  });
}

describe('timer triggers', () => {
  it('runs each occurrence with the host timer input, and persists the status blob', async () => {
    const hostId = uniqueName('host');
    const clock = createManualClock(at('2024-01-01T00:02:00Z'));
    const timers = triggers(['tick'], hostId, clock);
    await timers.start();
    expect(g.timerCalls).toEqual([]);
    expect(clock.pending()).toEqual([at('2024-01-01T00:05:00Z')]);
    clock.advanceTo(at('2024-01-01T00:05:00Z'));
    await timers.idle();
    expect(g.timerCalls).toEqual([
      {
        fn: 'tick',
        timer: {
          isPastDue: false,
          schedule: { adjustForDST: true },
          scheduleStatus: {
            last: '0001-01-01T00:00:00.000Z',
            next: '2024-01-01T00:05:00.000Z',
            lastUpdated: '2024-01-01T00:02:00.000Z',
          },
        },
      },
    ]);
    const blob = BlobServiceClient.fromConnectionString(testConnectionString())
      .getContainerClient('azure-webjobs-hosts')
      .getBlobClient(`timers/${hostId}/tick/status`);
    expect(JSON.parse((await blob.downloadToBuffer()).toString())).toEqual({
      Last: '2024-01-01T00:05:00.000Z',
      Next: '2024-01-01T00:10:00.000Z',
      LastUpdated: '2024-01-01T00:05:00.000Z',
    });
    await timers.stop();
  });

  it('after downtime, runs once with isPastDue at startup, then keeps the schedule', async () => {
    const hostId = uniqueName('host');
    const before = createManualClock(at('2024-01-01T00:02:00Z'));
    const first = triggers(['tick'], hostId, before);
    await first.start();
    before.advanceTo(at('2024-01-01T00:05:00Z'));
    await first.idle();
    await first.stop();
    g.timerCalls = [];

    const after = createManualClock(at('2024-01-01T00:27:00Z'));
    const second = triggers(['tick'], hostId, after);
    await second.start();
    await second.idle();
    expect(g.timerCalls).toHaveLength(1);
    expect(g.timerCalls[0]!.timer.isPastDue).toBe(true);
    expect(g.timerCalls[0]!.timer.scheduleStatus?.last).toBe('2024-01-01T00:05:00.000Z');
    expect(after.pending()).toEqual([at('2024-01-01T00:30:00Z')]);
    after.advanceTo(at('2024-01-01T00:30:00Z'));
    await second.idle();
    expect(g.timerCalls.map((c) => c.timer.isPastDue)).toEqual([true, false]);
    await second.stop();

    // A restart before the next occurrence owes nothing.
    g.timerCalls = [];
    const third = triggers(['tick'], hostId, createManualClock(at('2024-01-01T00:31:00Z')));
    await third.start();
    await third.idle();
    expect(g.timerCalls).toEqual([]);
    await third.stop();
  });

  it('reports a run that starts late by more than the threshold as past due', async () => {
    const clock = createManualClock(at('2024-01-01T00:04:00Z'));
    const timers = triggers(['tick'], uniqueName('host'), clock);
    await timers.start();
    clock.advanceTo(at('2024-01-01T00:05:30Z'), { late: true });
    await timers.idle();
    expect(g.timerCalls.map((c) => c.timer.isPastDue)).toEqual([true]);
    await timers.stop();
  });

  it('runs a runOnStartup timer at start, and resolves %Setting% schedules', async () => {
    const clock = createManualClock(at('2024-01-01T10:00:00Z'));
    const timers = triggers(['startup', 'fromSetting'], uniqueName('host'), clock, {
      TickSchedule: '0 0 11 * * *',
    });
    await timers.start();
    await timers.idle();
    expect(g.timerCalls.map((c) => [c.fn, c.timer.isPastDue])).toEqual([['startup', false]]);
    expect(clock.pending()).toEqual([at('2024-01-01T11:00:00Z'), at('2024-01-02T00:00:00Z')]);
    await timers.stop();
    expect(() => triggers(['fromSetting'], 'h', clock)).toThrow(/TickSchedule/);
  });

  it('never overlaps two runs of one function; occurrences missed while running are skipped', async () => {
    let release!: () => void;
    g.gate = new Promise<void>((r) => (release = r));
    const clock = createManualClock(at('2024-01-01T00:00:05Z'));
    const timers = triggers(['slow'], uniqueName('host'), clock);
    await timers.start();
    clock.advanceTo(at('2024-01-01T00:00:10Z'));
    await new Promise((r) => setTimeout(r, 20));
    expect(g.active).toBe(1);
    clock.advanceTo(at('2024-01-01T00:01:00Z'));
    expect(clock.pending()).toEqual([]);
    expect(g.timerCalls).toHaveLength(1);
    release();
    await timers.idle();
    expect(clock.pending()).toEqual([at('2024-01-01T00:01:10Z')]);
    clock.advanceTo(at('2024-01-01T00:01:10Z'));
    await timers.idle();
    expect(g.timerCalls).toHaveLength(2);
    expect(g.maxActive).toBe(1);
    expect(g.timerCalls[0]!.timer.scheduleStatus).toBeNull();
    expect(await timers.stop(1000)).toBe(true);
  });
});
