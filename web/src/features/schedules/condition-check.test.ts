import { describe, expect, it } from 'vitest';
import { ScheduleInput } from '../../../../shared/contracts/schedule-resource';
import { checkCondition, conditionExamples } from './condition-check';
import { emptyScheduleForm, fromScheduleResource, toScheduleInput } from './schedule-form';

describe('the schedule condition field', () => {
  it('accepts each example and an empty field (always send)', () => {
    for (const example of conditionExamples) expect(checkCondition(example), example).toBeNull();
    expect(checkCondition('  ')).toBeNull();
  });

  it('says what is wrong and what to write, as the API does', () => {
    expect(checkCondition('amount > 5')).toMatch(
      /reads "amount", which is not rowCount, changed or an aggregate\. Aggregate the column, e\.g\. sum\(amount\) > 0/,
    );
    expect(checkCondition('rowCount >')).toMatch(/ends too early.*`rowCount > 0`/);
    expect(checkCondition('rowCount + 1')).toMatch(/not a test/);
  });

  it('goes into the body trimmed, empty as null, and comes back from a stored schedule', () => {
    const form = emptyScheduleForm('UTC', 'rep1');
    expect(toScheduleInput(form)).toMatchObject({ condition: null });
    form.condition = '  sum(amount) > 100000 ';
    const body = toScheduleInput(form);
    expect(body).toMatchObject({ condition: 'sum(amount) > 100000' });
    expect(ScheduleInput.safeParse(body).success).toBe(true);
    const stored = { ...body, condition: 'changed' } as unknown as Parameters<typeof fromScheduleResource>[0];
    expect(
      fromScheduleResource({
        ...stored,
        timezone: 'UTC',
        dstPolicy: {},
        misfirePolicy: { kind: 'fire_once' },
        parameters: {},
        emailDelivery: null,
        deliveryTargetIds: [],
      }).condition,
    ).toBe('changed');
  });
});
