import { describe, expect, it } from 'vitest';
import { nextFires } from '../../../../shared/domain/scheduling/next-fires';
import { ScheduleRule } from '../../../../shared/domain/scheduling/schedule-rule';
import { annotateFires, type PreviewFire } from './annotate-fires';

/** The fires the API's preview answers (default DST policy), computed by the same domain code. */
function previewOf(cron: string, zone: string, from: string, count = 12): PreviewFire[] {
  const rule = ScheduleRule.parse({ kind: 'cron', expression: cron, timezone: zone });
  return nextFires(rule, new Date(from), count).map((f) => ({
    utc: f.utc.toISOString(),
    local: f.local,
    ...(f.dstAdjusted ? { dstAdjusted: f.dstAdjusted } : {}),
  }));
}

describe('DST marked inline with the policy', () => {
  const zone = 'Europe/Berlin';
  const springNight = previewOf('30 2 * * *', zone, '2025-03-28T00:00:00Z', 4);

  it('shift forward: 02:30 on Mar 30 does not exist and runs at 03:30', () => {
    const rows = annotateFires(springNight, zone, { gap: 'shift_forward', overlap: 'first' }, 3);
    expect(rows.map((r) => r.status)).toEqual(['runs', 'runs', 'shifted']);
    expect(rows[2]).toMatchObject({ utc: '2025-03-30T01:30:00.000Z' });
    expect(rows[2]?.note).toBe('02:30 does not exist on Sun 30 Mar (clocks go forward); runs at 03:30.');
  });

  it('skip: the same fire is shown as skipped and does not count', () => {
    const rows = annotateFires(springNight, zone, { gap: 'skip', overlap: 'first' }, 3);
    expect(rows.map((r) => r.status)).toEqual(['runs', 'runs', 'skipped', 'runs']);
    expect(rows[2]?.note).toContain('skipped by your DST policy');
  });

  it('fall back: 02:30 on Oct 26 happens twice; "first" runs once, "both" adds the second', () => {
    const autumn = previewOf('30 2 * * *', zone, '2025-10-25T12:00:00Z', 3);
    const once = annotateFires(autumn, zone, { gap: 'shift_forward', overlap: 'first' }, 3);
    expect(once[0]).toMatchObject({ utc: '2025-10-26T00:30:00.000Z', status: 'runs' });
    expect(once[0]?.note).toBe(
      '02:30 happens twice on Sun 26 Oct (clocks go back); runs once, at the first.',
    );
    const both = annotateFires(autumn, zone, { gap: 'shift_forward', overlap: 'both' }, 3);
    expect(both.map((r) => [r.utc, r.status])).toEqual([
      ['2025-10-26T00:30:00.000Z', 'twice'],
      ['2025-10-26T01:30:00.000Z', 'twice'],
      ['2025-10-27T01:30:00.000Z', 'runs'],
    ]);
  });

  it('ordinary fires carry no note', () => {
    const rows = annotateFires(
      previewOf('0 8 * * 1-5', zone, '2025-01-06T00:00:00Z'),
      zone,
      { gap: 'skip', overlap: 'both' },
      10,
    );
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.status === 'runs' && r.note === undefined)).toBe(true);
  });
});
