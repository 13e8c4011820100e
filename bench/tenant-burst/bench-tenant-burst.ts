/**
 * `npm run bench:tenant-burst`: one tenant fires BENCH_BURST (500) with a limit of BENCH_LIMIT (5) concurrent
 * executions, then another tenant fires once, through the real admission path on an in-memory Azurite
 * started here (burst-harness.ts; the report work is a stand-in of BENCH_RUN_MS). Prints how long the other
 * tenant's fire waited to start, how long the burst took to drain and how often fires were re-offered.
 * Figures, not a test: Azurite is single-process and shares the machine.
 */
import { freePort, startAzurite } from '../../local/azurite/start-azurite';
import { runTenantBurst } from './burst-harness';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const log = (text: string) => console.log(`[bench] ${text}`);

async function main() {
  const azurite = await startAzurite({
    location: '',
    inMemory: true,
    blobPort: await freePort(),
    queuePort: await freePort(),
    tablePort: await freePort(),
  });
  try {
    const options = {
      connectionString: azurite.connectionString,
      burst: num('BENCH_BURST', 500),
      busyLimit: num('BENCH_LIMIT', 5),
      runMs: num('BENCH_RUN_MS', 1_000),
      retryDelayMs: num('BENCH_RETRY_MS', 3_000),
      maxRetryDelayMs: num('BENCH_MAX_RETRY_MS', 15_000),
      consumers: num('BENCH_CONSUMERS', 2),
      batchSize: num('BENCH_BATCH', 16),
      sweepBatches: process.env.BENCH_SINGLE_MESSAGES === undefined,
    };
    log(`${options.burst} fires, limit ${options.busyLimit}, each run ${options.runMs} ms …`);
    const r = await runTenantBurst({
      ...options,
      onProgress: (p) => log(`started ${p.started}, ended ${p.ended}, re-offers ${p.waiting}`),
    });
    console.log(
      `\nTenant burst: ${options.burst} fires of one tenant (limit ${options.busyLimit}) + 1 of another`,
    );
    console.log(`  other tenant's fire started after: ${(r.quietDelayMs / 1000).toFixed(2)} s`);
    console.log(`  burst fires still waiting then:     ${r.busyWaitingAtQuietStart}`);
    console.log(`  burst drained in:                   ${(r.drainMs / 1000).toFixed(1)} s`);
    console.log(`  re-offers (waiting outcomes):       ${r.outcomes.waiting}`);
    console.log(`  busy tenant's gauge peak:           ${r.busyGaugePeak}`);
    console.log(`  most receipts of one message:       ${r.maxDequeueCount}`);
    console.log(`  busy runs by status:                ${JSON.stringify(r.busyStatuses)}`);
  } finally {
    await azurite.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
