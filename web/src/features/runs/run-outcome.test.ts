import { describe, expect, it } from 'vitest';
import { aDelivery, aRun } from './run-fixtures';
import { describeRunOutcome } from './run-outcome';

describe('describeRunOutcome', () => {
  it('a run its schedule’s condition skipped says so, with the reason, in grey', () => {
    const reason = 'Condition `rowCount > 0` was false (rowCount = 0)';
    expect(describeRunOutcome(aRun({ status: 'skipped', skipReason: reason }), [])).toMatchObject({
      tone: 'grey',
      title: 'Skipped',
      detail: `Nothing was sent. ${reason}`,
    });
  });

  it('a run delivered to 2 of 3 recipients is a warning that says so, never green', () => {
    const deliveries = [
      aDelivery({ id: 'a', recipient: 'a@x.com' }),
      aDelivery({ id: 'b', recipient: 'b@x.com' }),
      aDelivery({ id: 'c', recipient: 'c@x.com', status: 'dead', error: { code: 'SMTP', message: '550' } }),
    ];
    const outcome = describeRunOutcome(aRun(), deliveries);
    expect(outcome.tone).toBe('warning');
    expect(outcome.title).toBe('Generated, delivered to 2 of 3 recipients');
    expect(outcome.detail).toBe('1 delivery failed');
  });

  it('every delivery failed is an error', () => {
    const outcome = describeRunOutcome(aRun(), [aDelivery({ status: 'failed' })]);
    expect(outcome).toMatchObject({ tone: 'error', title: 'Generated, delivery failed' });
  });

  it('falls back to the run summary before the ledger is loaded', () => {
    const outcome = describeRunOutcome(aRun({ deliveries: { sent: 1, failed: 2 } }), undefined);
    expect(outcome).toMatchObject({ tone: 'warning', title: 'Generated, delivered to 1 of 3 recipients' });
  });

  it('still sending is not a success yet', () => {
    const outcome = describeRunOutcome(aRun(), [aDelivery(), aDelivery({ id: 'b', status: 'sending' })]);
    expect(outcome).toMatchObject({ tone: 'info', title: 'Generated, delivering' });
  });

  it('all delivered is a success naming the count', () => {
    const outcome = describeRunOutcome(aRun(), [aDelivery(), aDelivery({ id: 'b', recipient: 'b@x.com' })]);
    expect(outcome).toMatchObject({ tone: 'success', detail: 'Delivered to 2 of 2 recipients' });
  });

  it('a failed run shows its error code and message', () => {
    const run = aRun({
      status: 'failed',
      error: { code: 'QUERY_FAILED', message: 'no such table', suggestedFix: null },
    });
    expect(describeRunOutcome(run, [])).toMatchObject({
      tone: 'error',
      title: 'Failed',
      detail: 'QUERY_FAILED: no such table',
    });
  });
});
