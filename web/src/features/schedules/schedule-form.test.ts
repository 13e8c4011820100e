import { describe, expect, it } from 'vitest';
import { ScheduleInput, type ScheduleResource } from '../../../../shared/contracts/schedule-resource';
import { emptyScheduleForm, fromScheduleResource, toScheduleInput } from './schedule-form';
import { instantToLocal, localToInstant } from './zoned-time';

describe('schedule form → API body', () => {
  it('a weekday 08:00 cron in Berlin with email is a valid ScheduleInput', () => {
    const form = emptyScheduleForm('Europe/Berlin', 'rep1');
    form.emailDelivery = {
      ...form.emailDelivery,
      enabled: true,
      recipients: ['ann@example.com', 'bob@example.com'],
    };
    const body = toScheduleInput(form);
    expect(body).toMatchObject({
      kind: 'cron',
      cronExpr: '0 8 * * 1-5',
      timezone: 'Europe/Berlin',
      reportId: 'rep1',
    });
    expect(ScheduleInput.safeParse(body).success).toBe(true);
  });

  it("sends only the chosen kind's fields, so the strict contract accepts it", () => {
    const form = { ...emptyScheduleForm('America/New_York', 'rep1'), kind: 'calendar' as const };
    form.on = { type: 'nth_weekday', nth: 'last', weekday: 'fri' };
    const body = toScheduleInput(form);
    expect(body).not.toHaveProperty('cronExpr');
    expect(body).not.toHaveProperty('every');
    expect(ScheduleInput.safeParse(body).success).toBe(true);

    const interval = { ...form, kind: 'interval' as const, every: 'PT15M', startAt: '2025-03-09T01:00' };
    const intervalBody = toScheduleInput(interval);
    expect(intervalBody).toMatchObject({
      kind: 'interval',
      every: 'PT15M',
      startAt: '2025-03-09T01:00:00-05:00',
    });
    expect(ScheduleInput.safeParse(intervalBody).success).toBe(true);
  });

  it('reports a bad recipient at the path the API uses', () => {
    const form = emptyScheduleForm('UTC', 'rep1');
    form.emailDelivery = { ...form.emailDelivery, enabled: true, recipients: ['ann@example.com', 'nope'] };
    const parsed = ScheduleInput.safeParse(toScheduleInput(form));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['emailDelivery', 'recipients', 1]);
  });

  it('reads a stored schedule back into the same form', () => {
    const form = emptyScheduleForm('Europe/Berlin', 'rep1');
    form.name = 'Weekly sales';
    form.endAt = '2026-01-01T00:00';
    const body = toScheduleInput(form);
    const resource = {
      ...body,
      id: 's1',
      tenantId: 't',
      name: 'Weekly sales',
      kind: 'cron',
      startAt: null,
      endAt: body.endAt ?? null,
      status: 'active',
      nextRunAt: null,
      lastFireTime: null,
      createdBy: 'me',
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    } as unknown as ScheduleResource;
    expect(fromScheduleResource(resource)).toEqual(form);
  });
});

describe('zoned local times', () => {
  it('reads a wall time in the zone, pushing a DST-gap time forward', () => {
    expect(localToInstant('2025-01-15T08:00', 'Europe/Berlin')).toBe('2025-01-15T08:00:00+01:00');
    expect(localToInstant('2025-03-30T02:30', 'Europe/Berlin')).toBe('2025-03-30T03:30:00+02:00');
    expect(instantToLocal('2025-01-15T07:00:00Z', 'Europe/Berlin')).toBe('2025-01-15T08:00');
    expect(localToInstant('yesterday', 'UTC')).toBeNull();
  });
});
