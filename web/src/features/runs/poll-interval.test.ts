import { describe, expect, it } from 'vitest';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, runDetailPollInterval, runsPollInterval } from './poll-interval';
import { aDelivery, aRun } from './run-fixtures';

describe('poll intervals', () => {
  it('the history refreshes within 5 s, faster while a run is moving', () => {
    expect(IDLE_POLL_MS).toBeLessThanOrEqual(5000);
    expect(runsPollInterval([aRun()])).toBe(IDLE_POLL_MS);
    expect(runsPollInterval([aRun(), aRun({ status: 'queued' })])).toBe(ACTIVE_POLL_MS);
    expect(runsPollInterval(undefined)).toBe(IDLE_POLL_MS);
  });

  it('a run page polls fast while the run moves, slower while only its deliveries do, rarely once settled', () => {
    expect(runDetailPollInterval(aRun({ status: 'running' }), [])).toBe(ACTIVE_POLL_MS);
    expect(runDetailPollInterval(aRun(), [aDelivery({ status: 'sending' })])).toBe(IDLE_POLL_MS);
    expect(runDetailPollInterval(aRun(), undefined)).toBe(IDLE_POLL_MS);
    expect(
      runDetailPollInterval(aRun({ deliveries: { sent: 1, failed: 0 } }), [aDelivery()]),
    ).toBeGreaterThan(IDLE_POLL_MS);
  });
});
