import { describe, expect, it } from 'vitest';
import { aDelivery, aRun } from './run-fixtures';
import { buildStepTimeline, formatDuration } from './step-timeline';

const step = (name: string, start: number, end: number | null, extra = {}) => ({
  name,
  status: end === null ? ('running' as const) : ('succeeded' as const),
  startedAt: new Date(Date.UTC(2026, 2, 2, 8, 0, start)).toISOString(),
  endedAt: end === null ? null : new Date(Date.UTC(2026, 2, 2, 8, 0, end)).toISOString(),
  durationMs: end === null ? null : (end - start) * 1000,
  ...extra,
});

describe('buildStepTimeline', () => {
  it('orders extract, render per format, then one bar per delivery, on one axis', () => {
    const run = aRun({
      steps: [
        step('render:pdf', 2, 6, { workerId: 'render-job-1', attempts: 2 }),
        step('extract', 0, 2),
        step('render:csv', 2, 3),
      ],
    });
    const rows = buildStepTimeline(
      run,
      [aDelivery({ firstAttemptAt: '2026-03-02T08:00:06.000Z', sentAt: '2026-03-02T08:00:10.000Z' })],
      new Date('2026-03-02T09:00:00Z'),
    );
    expect(rows.map((r) => r.label)).toEqual([
      'Extract data',
      'Render & store CSV',
      'Render & store PDF',
      'Deliver email → ann@example.com',
    ]);
    const pdf = rows[2]!;
    expect(pdf).toMatchObject({ attempts: 2, worker: 'render-job-1', offsetPct: 20, widthPct: 40 });
    expect(rows[0]).toMatchObject({ worker: 'worker-a', offsetPct: 0, widthPct: 20, durationMs: 2000 });
    expect(rows[3]).toMatchObject({ kind: 'deliver', status: 'succeeded', offsetPct: 60, durationMs: 4000 });
  });

  it('a running step grows to now', () => {
    const run = aRun({ status: 'running', endedAt: null, steps: [step('extract', 0, null)] });
    const at5 = buildStepTimeline(run, [], new Date(Date.UTC(2026, 2, 2, 8, 0, 5)))[0]!;
    const at9 = buildStepTimeline(run, [], new Date(Date.UTC(2026, 2, 2, 8, 0, 9)))[0]!;
    expect(at5).toMatchObject({ status: 'running', durationMs: 5000 });
    expect(at9.durationMs).toBe(9000);
  });

  it('a dead delivery ends at its last attempt and is marked failed; a pending one waits', () => {
    const rows = buildStepTimeline(
      aRun(),
      [
        aDelivery({
          id: 'd',
          status: 'dead',
          sentAt: null,
          lastAttemptAt: '2026-03-02T08:00:20.000Z',
          attempts: 5,
        }),
        aDelivery({ id: 'p', status: 'pending', firstAttemptAt: null, lastAttemptAt: null, sentAt: null }),
      ],
      new Date('2026-03-02T09:00:00Z'),
    );
    expect(rows.find((r) => r.deliveryId === 'd')).toMatchObject({
      status: 'failed',
      attempts: 5,
      durationMs: 9000,
    });
    expect(rows.find((r) => r.deliveryId === 'p')).toMatchObject({
      status: 'waiting',
      durationMs: null,
      widthPct: 0,
    });
  });
});

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [340, '340 ms'],
    [1234, '1.2 s'],
    [42_000, '42 s'],
    [125_000, '2 min 5 s'],
  ])('%s → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
