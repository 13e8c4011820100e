import { describe, expect, it } from 'vitest';
import { createAggregator } from './aggregate-rows';
import { compileCondition, ConditionError } from './compile-condition';

const facts = (over: Partial<Parameters<ReturnType<typeof compileCondition>['evaluate']>[0]> = {}) => ({
  rowCount: 0,
  changed: false,
  aggregates: {},
  ...over,
});

describe('compileCondition', () => {
  it('rowCount > 0', () => {
    const c = compileCondition('rowCount > 0');
    expect(c.evaluate(facts({ rowCount: 3 })).pass).toBe(true);
    expect(c.evaluate(facts({ rowCount: 0 }))).toEqual({ pass: false, read: { rowCount: 0 } });
  });

  it('an aggregate threshold, computed over batches', () => {
    const c = compileCondition('sum(amount) > 100000 and count([region]) >= 2');
    expect(c.aggregates.map((a) => a.key)).toEqual(['sum(amount)', 'count(region)']);
    const agg = createAggregator(c.aggregates);
    agg.add([{ amount: 60000, region: 'n' }]);
    agg.add([
      { amount: '50000.5', region: null },
      { amount: null, region: 's' },
    ]);
    const values = agg.values(['amount', 'region']);
    expect(values).toEqual({ 'sum(amount)': 110000.5, 'count(region)': 2 });
    expect(c.evaluate(facts({ aggregates: values })).pass).toBe(true);
    expect(c.evaluate(facts({ aggregates: { ...values, 'sum(amount)': 5 } })).pass).toBe(false);
  });

  it('min, max and avg; of no rows they are null, which no comparison passes', () => {
    const c = compileCondition("max(day) >= '2026-01-02' or avg(amount) > 10 or min(amount) < 0");
    const agg = createAggregator(c.aggregates);
    expect(c.evaluate(facts({ aggregates: agg.values(['day', 'amount']) })).pass).toBe(false);
    agg.add([
      { day: '2026-01-01', amount: 5 },
      { day: '2026-01-03', amount: 7 },
    ]);
    expect(agg.values(['day', 'amount'])).toMatchObject({
      'max(day)': '2026-01-03',
      'avg(amount)': 6,
      'min(amount)': 5,
    });
    expect(c.evaluate(facts({ aggregates: agg.values(['day', 'amount']) })).pass).toBe(true);
  });

  it('changed, alone or combined', () => {
    expect(compileCondition('changed').evaluate(facts({ changed: true })).pass).toBe(true);
    expect(compileCondition('changed').usesChanged).toBe(true);
    expect(compileCondition('changed and rowCount > 0').evaluate(facts({ changed: true })).pass).toBe(false);
  });

  it.each([
    ['rowCount >', /ends too early/],
    ['amount > 5', /reads "amount", which is not rowCount, changed or an aggregate/],
    ['rowCount + 1', /not a test/],
    ['sum(amount, 2) > 1', /sum\(\) takes one column/],
    ['median(amount) > 1', /unknown function "median"/],
    ['rowCount > 0; drop table x', /unexpected/],
  ])('refuses %j with a message and a suggested fix', (text, message) => {
    const thrown = (() => {
      try {
        compileCondition(text);
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toBeInstanceOf(ConditionError);
    expect((thrown as ConditionError).message).toMatch(message);
    expect((thrown as ConditionError).suggestedFix).toMatch(/rowCount > 0/);
  });

  it('at run time: a column the data lacks, or text where a number is summed, is an error with a fix', () => {
    const c = compileCondition('sum(amount) > 1');
    expect(() => createAggregator(c.aggregates).values(['region'])).toThrow(
      /does not have \(it has: region\)/,
    );
    expect(() => createAggregator(c.aggregates).add([{ amount: 'lots' }])).toThrow(ConditionError);
  });
});
