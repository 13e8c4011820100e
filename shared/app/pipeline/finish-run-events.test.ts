import { QueueClient } from '@azure/storage-queue';
import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, testId } from '../../../test/support/run-deps';
import { testConnectionString, uniqueName } from '../../../test/support/storage';
import { createStorageQueueMessageBus } from '../../adapters/messaging/storage-queue-message-bus';
import type { ExecutionRequested } from '../../contracts/run-messages';
import { SubscriptionEvent } from '../../contracts/subscription';
import { publishEvent } from '../subscriptions/publish-event';
import { extractData } from './extract-data';
import { listArtifacts } from '../artifacts/list-artifacts';
import { finishRun } from './finish-run';
import { renderArtifact } from './render-artifact';
import { admitExecutionRequest } from '../runs/admit-execution-request';
import { startRun } from './start-run';

/** Run deps whose events go to a fresh Azurite queue, and a reader of what landed there. */
function depsWithEventQueue() {
  const connectionString = testConnectionString();
  const queue = uniqueName('events');
  const bus = createStorageQueueMessageBus({ connectionString }, () => new Date());
  const deps = createTestRunDeps({ publishEvent: (event) => publishEvent({ bus, queue }, event) });
  const client = new QueueClient(connectionString, queue);
  const published = async () => {
    const { peekedMessageItems } = await client.peekMessages({ numberOfMessages: 32 });
    return peekedMessageItems.map((m) => {
      const envelope = JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as {
        messageId: string;
        body: unknown;
      };
      const event = SubscriptionEvent.parse(envelope.body);
      expect(envelope.messageId).toBe(event.id);
      return event;
    });
  };
  return { deps, published };
}

async function startedRun(deps: ReturnType<typeof createTestRunDeps>, formats: ('csv' | 'json')[]) {
  const report = demoReport('acme', { outputs: formats.map((format) => ({ format })) });
  await deps.repos.reports.insert('acme', report);
  const message: ExecutionRequested = {
    tenantId: 'acme',
    runId: testId(),
    reportId: report.id,
    scheduleId: null,
    trigger: 'manual',
    fireTime: null,
    parameters: {},
    requestedBy: 'user-1',
  };
  const orchestrations = { exists: () => Promise.resolve(false), start: () => Promise.resolve() };
  await admitExecutionRequest({ ...deps, orchestrations }, message);
  const ref = { tenantId: 'acme', runId: message.runId };
  await startRun(deps, ref);
  return ref;
}

describe('finishRun publishes integration events', () => {
  it('a succeeded run: run.succeeded listing its artifacts, and one artifact.created per artifact', async () => {
    const { deps, published } = depsWithEventQueue();
    const ref = await startedRun(deps, ['csv', 'json']);
    const extracted = await extractData(deps, ref);
    if (!extracted.ok) throw new Error(extracted.error.message);
    const ids: string[] = [];
    for (const format of ['csv', 'json'] as const) {
      const rendered = await renderArtifact(deps, { ...ref, format, stagedBlob: extracted.stagedBlob });
      if (!rendered.ok) throw new Error(rendered.error.message);
      ids.push(rendered.artifactId);
    }
    await finishRun(deps, { ...ref, status: 'succeeded', error: null });

    const events = await published();
    expect(events.map((e) => e.type).sort()).toEqual([
      'artifact.created',
      'artifact.created',
      'run.succeeded',
    ]);
    const runEvent = events.find((e) => e.type === 'run.succeeded')!;
    expect(runEvent).toMatchObject({
      tenantId: 'acme',
      data: { run: { id: ref.runId, status: 'succeeded' } },
    });
    const listed = (runEvent.data.artifacts as { id: string; checksum: string }[]).map((a) => a.id);
    expect(listed.sort()).toEqual([...ids].sort());
    const created = events.filter((e) => e.type === 'artifact.created');
    expect(created.map((e) => (e.data.artifact as { id: string }).id).sort()).toEqual([...ids].sort());
    for (const e of created) {
      const stored = (await deps.repos.artifacts.get('acme', (e.data.artifact as { id: string }).id))!.doc;
      expect(e.data.artifact).toMatchObject({
        checksum: stored.checksum,
        bytes: stored.bytes,
        runId: ref.runId,
      });
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
  });

  it('a retried finishRun publishes the same events again, same ids and bodies (at least once, de-duplicable)', async () => {
    const { deps, published } = depsWithEventQueue();
    const ref = await startedRun(deps, ['csv']);
    const extracted = await extractData(deps, ref);
    if (!extracted.ok) throw new Error(extracted.error.message);
    await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
    await finishRun(deps, { ...ref, status: 'succeeded', error: null });
    const first = await published();
    await finishRun(deps, { ...ref, status: 'succeeded', error: null });
    const all = await published();
    expect(all).toHaveLength(4);
    expect(all.slice(2)).toEqual(first);
  });

  it('a failed run publishes run.failed with its error; an aborted one publishes nothing', async () => {
    const { deps, published } = depsWithEventQueue();
    const failed = await startedRun(deps, ['csv']);
    const error = { code: 'QUERY_FAILED', message: 'relation "x" does not exist', suggestedFix: null };
    await finishRun(deps, { ...failed, status: 'failed', error });
    const aborted = await startedRun(deps, ['csv']);
    await finishRun(deps, { ...aborted, status: 'aborted', error: null });
    const events = await published();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'run.failed',
      data: { run: { id: failed.runId, status: 'failed', error } },
    });
  });

  it('stamps the run’s outcome on its artifacts, which the gallery’s status filter then finds', async () => {
    const { deps } = depsWithEventQueue();
    const ref = await startedRun(deps, ['csv']);
    const extracted = await extractData(deps, ref);
    if (!extracted.ok) throw new Error(extracted.error.message);
    const rendered = await renderArtifact(deps, { ...ref, format: 'csv', stagedBlob: extracted.stagedBlob });
    if (!rendered.ok) throw new Error(rendered.error.message);
    expect((await deps.repos.artifacts.get('acme', rendered.artifactId))!.doc.status).toBe('running');
    const error = { code: 'DELIVERY_FAILED', message: 'no route', suggestedFix: null };
    await finishRun(deps, { ...ref, status: 'failed', error });
    expect((await deps.repos.artifacts.get('acme', rendered.artifactId))!.doc.status).toBe('failed');
    const failed = await listArtifacts(deps.repos, 'acme', {
      runId: ref.runId,
      status: 'failed',
      limit: 10,
      cursor: null,
    });
    expect(failed.items.map((a) => a.id)).toEqual([rendered.artifactId]);
    const byStatus = await listArtifacts(deps.repos, 'acme', { status: 'running', limit: 100, cursor: null });
    expect(byStatus.items.map((a) => a.id)).not.toContain(rendered.artifactId);
  });
});
