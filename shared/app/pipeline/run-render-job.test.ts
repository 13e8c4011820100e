import { QueueServiceClient } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, stagedRun } from '../../../test/support/run-deps';
import { testConnectionString } from '../../../test/support/storage';
import { createStorageQueueMessageBus } from '../../adapters/messaging/storage-queue-message-bus';
import { renderCompletionQueueName, RenderJobCompleted } from '../../contracts/render-jobs';
import { runRenderJob } from './run-render-job';

// Real Azurite (tables, blobs, the Storage-queue bus) and DuckDB; HTML keeps Chromium out of this file.
/** The completion messages on the real queue for one run (the bus writes a base64 JSON envelope). */
async function completionsFor(runId: string): Promise<RenderJobCompleted[]> {
  const queue =
    QueueServiceClient.fromConnectionString(testConnectionString()).getQueueClient(renderCompletionQueueName);
  const peeked = await queue.peekMessages({ numberOfMessages: 32 });
  return peeked.peekedMessageItems
    .map((m) => (JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { body: unknown }).body)
    .map((body) => RenderJobCompleted.parse(body))
    .filter((c) => c.runId === runId);
}

const byRegion = {
  connectionId: 'demo',
  sql: 'select region, count(*) as orders from sales group by region order by region',
  parameters: [],
};

describe('runRenderJob on Azurite', () => {
  it('renders with the same use case, records the job as the step worker and publishes the outcome', async () => {
    const deps = { ...createTestRunDeps(), renderJobs: { minRows: 1, timeoutSeconds: 60 } };
    const report = demoReport('acme', {
      dataSource: byRegion,
      template: { body: '{% for r in rows %}<p>{{ r.region }}={{ r.orders }}</p>{% endfor %}' },
      outputs: [{ format: 'html' }, { format: 'csv' }],
    });
    const { ref, started, stagedBlob } = await stagedRun(deps, 'acme', report);
    expect(started).toEqual({ ok: true, formats: ['html', 'csv'], renderJob: deps.renderJobs });

    const bus = createStorageQueueMessageBus({ connectionString: testConnectionString() }, deps.clock);
    const job = { runs: { ...deps, workerId: 'render-job:test' }, bus };
    const message = { ...ref, format: 'html' as const, stagedBlob, instanceId: 'i-1', eventName: 'E' };
    const completed = await runRenderJob(job, message);

    if (!completed.result.ok) throw new Error(completed.result.error.message);
    expect(completed).toMatchObject({ instanceId: 'i-1', eventName: 'E', format: 'html' });
    const artifact = (await deps.repos.artifacts.get('acme', completed.result.artifactId))!.doc;
    expect(artifact).toMatchObject({ format: 'html', runId: ref.runId, bytes: completed.result.bytes });
    const run = (await deps.repos.runs.get('acme', ref.runId))!.doc;
    expect(run.steps.find((s) => s.name === 'render:html')).toMatchObject({
      status: 'succeeded',
      workerId: 'render-job:test',
    });
    expect(run.workerId).toBe('test-worker'); // the run's own worker is unchanged
    expect(await completionsFor(ref.runId)).toEqual([completed]);
  });

  it('publishes a permanent failure as an outcome instead of throwing it back to the queue', async () => {
    const deps = createTestRunDeps();
    const report = demoReport('acme', {
      dataSource: byRegion,
      template: { body: '{{ rows | no_such_filter }}' },
      outputs: [{ format: 'html' }],
    });
    const { ref, started, stagedBlob } = await stagedRun(deps, 'acme', report);
    expect(started).toEqual({ ok: true, formats: ['html'] }); // no policy: the job queue is off

    const bus = createStorageQueueMessageBus({ connectionString: testConnectionString() }, deps.clock);
    const message = { ...ref, format: 'html' as const, stagedBlob, instanceId: 'i-2', eventName: 'E' };
    const completed = await runRenderJob({ runs: deps, bus }, message);

    expect(completed.result).toMatchObject({ ok: false, error: { code: 'TEMPLATE_ERROR' } });
    expect(await completionsFor(ref.runId)).toEqual([completed]);
  });
});
