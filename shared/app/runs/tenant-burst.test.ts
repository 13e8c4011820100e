import { describe, expect, it } from 'vitest';
import { runTenantBurst } from '../../../bench/tenant-burst/burst-harness';
import { testConnectionString } from '../../../test/support/storage';

// Issue 12 §2: one tenant fires a burst with a limit of 5 concurrent executions while another tenant fires
// once. Real run rows, slots and execution queue on Azurite; only the report work is a stand-in
// (bench/tenant-burst/burst-harness.ts). The full 500 is `npm run bench:tenant-burst` (it prints how
// many seconds the quiet tenant waited); here 200, because nothing asserted depends on the size past "many
// times the limit": 200 fires are 4 sweep batches of 50 (each split into started and re-offered fires),
// 40 waves of 5 slots, and a backlog that waits long enough for the re-offers to reach the backoff's cap.
// About 25 Table/queue requests per fire and CPU-bound on Azurite: 500 cost 47 s alone, 84 s in the suite.
const BURST = 200;
const LIMIT = 5;
/** The quiet fire may start behind at most a fifth of the burst (as 100 of the 500 before). */
const MOST_STILL_WAITING = BURST * 0.8;

describe('a 200-fire burst of one tenant against another tenant', () => {
  it('starts the other tenant at once, runs all 200 exactly once, never more than 5 at a time', async () => {
    const r = await runTenantBurst({
      connectionString: testConnectionString(),
      burst: BURST,
      busyLimit: LIMIT,
      runMs: 20,
      retryDelayMs: 1_000,
      maxRetryDelayMs: 4_000,
      consumers: 2,
      batchSize: 16,
      sweepBatches: true,
    });

    // The quiet tenant's fire was not queued behind the burst: it started while most of it still waited.
    expect(r.quietStatus).toBe('succeeded');
    expect(r.busyWaitingAtQuietStart).toBeGreaterThanOrEqual(MOST_STILL_WAITING);
    // Delayed, never lost, failed or run twice: each of the 200 started once and succeeded.
    expect(r.busyStarts).toHaveLength(BURST);
    expect(new Set(r.busyStarts).size).toBe(BURST);
    expect(r.busyStatuses).toEqual({ succeeded: BURST });
    expect(r.outcomes['over-quota'] + r.outcomes.skipped + r.outcomes.duplicate).toBe(0);
    expect(r.outcomes.started).toBe(BURST + 1);
    expect(r.outcomes.waiting).toBeGreaterThan(0);
    // A waiting fire is re-offered as a new message: no message was received twice, so none nears poison.
    expect(r.maxDequeueCount).toBe(1);
    // The gauge of the busy tenant's runs reached its limit and never passed it.
    expect(r.busyGaugePeak).toBe(LIMIT);
    expect(r.slotsHeldAfter).toEqual({ busy: 0, quiet: 0 });
  }, 600_000);
});
