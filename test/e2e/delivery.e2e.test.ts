import { createHash, createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorageQueueMessageBus } from '../../shared/adapters/messaging/storage-queue-message-bus';
import { createTableRepositories } from '../../shared/adapters/table/table-repositories';
import { createTableService } from '../../shared/adapters/table/table-service';
import type { Artifact } from '../../shared/contracts/artifact';
import type { DeliveryRecord } from '../../shared/contracts/delivery';
import type { DeliveryTarget } from '../../shared/contracts/delivery-target';
import type { ExecutionRun } from '../../shared/contracts/run';
import { executionQueueName, type ExecutionRequested } from '../../shared/contracts/run-messages';
import { ScheduleRecord } from '../../shared/contracts/schedule';
import { newId } from '../../shared/domain/ids';
import { devToken, waitFor, type HostProcess } from '../support/host-process';
import { useHostStorage } from '../support/host-storage';
import { demoReport } from '../support/run-deps';

const id = () => newId(new Date(), (n) => randomBytes(n));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const tenantId = 'deliveries';
const recipients = ['ana@example.com', 'bo@example.com', 'cy@example.com'];
const secrets = {
  A: 'secret-a-' + randomBytes(8).toString('hex'),
  B: 'secret-b-' + randomBytes(8).toString('hex'),
};

interface Hit {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  status: number;
}
const hits: Hit[] = [];
const receiver = { aFailures: 3, bSucceeds: false };

const storage = useHostStorage('rs-delivery', { inMemory: true });
let hookServer: http.Server;
let host: HostProcess;

beforeAll(async () => {
  // A real HTTP receiver on loopback: /a fails 3 times then accepts; /b fails until told otherwise.
  hookServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const failing = req.url === '/a' ? receiver.aFailures-- > 0 : !receiver.bSucceeds;
      const status = failing ? 503 : 200;
      hits.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
}, 60_000);

afterAll(() => {
  hookServer?.close();
});

async function seed(hookPort: number) {
  const repos = createTableRepositories(createTableService({ connectionString: storage().connectionString }));
  const now = new Date().toISOString();
  await repos.tenants.insert(tenantId, {
    id: tenantId,
    name: 'Deliveries Ltd',
    tier: 'standard',
    timezone: 'Europe/Berlin',
    retentionDays: 30,
    createdAt: now,
  });
  const report = demoReport(tenantId, { outputs: [{ format: 'csv' }, { format: 'pdf' }] });
  await repos.reports.insert(tenantId, report);
  const targets: Record<'A' | 'B', string> = { A: id(), B: id() };
  for (const key of ['A', 'B'] as const) {
    const target: DeliveryTarget = {
      id: targets[key],
      tenantId,
      type: 'webhook',
      name: `hook ${key}`,
      active: true,
      config: {
        url: `http://127.0.0.1:${hookPort}/${key.toLowerCase()}`,
        secretRef: `secret:hook-${key.toLowerCase()}`,
      },
      createdBy: 'e2e',
      createdAt: now,
      updatedAt: now,
    };
    await repos.deliveryTargets.insert(tenantId, target);
  }
  const schedule = ScheduleRecord.parse({
    id: id(),
    tenantId,
    reportId: report.id,
    rule: { kind: 'cron', expression: '0 9 * * *', timezone: 'UTC' },
    emailDelivery: {
      enabled: true,
      recipients,
      attachPdf: true,
      subjectTemplate: '{{ reportName }} {{ executionDate }}',
    },
    deliveryTargetIds: [targets.A, targets.B],
    active: false,
    nextRunAt: null,
    createdBy: 'e2e',
    createdAt: now,
    updatedAt: now,
  });
  await repos.schedules.insert(tenantId, schedule);
  return { report, schedule, targets };
}

describe('delivery on the local host (real SMTP catcher, real HTTP receiver)', () => {
  it('mails each recipient once, retries a webhook to success, dead-letters and redrives without a re-render', async () => {
    const hookPort = (hookServer.address() as AddressInfo).port;
    const { report, schedule, targets } = await seed(hookPort);
    host = await storage().startHost({
      DEMO_SALES_ROWS: '2000',
      OUTBOUND_ALLOWLIST: `127.0.0.1:${hookPort}`,
      DELIVERY_RETRY_BASE_SECONDS: '1',
      DELIVERY_RETRY_CAP_SECONDS: '2',
      EMAIL_MAX_ATTACHMENT_BYTES: '1000',
      // B's key as an operator gives one to a tenant; A's is set through the API below.
      [`TENANT_SECRET_${tenantId}__HOOK_B`]: secrets.B,
    });
    const token = await devToken(host.url, tenantId);
    const api = async <T>(p: string, init: RequestInit = {}) => {
      const res = await fetch(`${host.url}${p}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
      return { status: res.status, json: (await res.json()) as T };
    };
    const putA = await api('/api/v1/secrets/hook-a', {
      method: 'PUT',
      body: JSON.stringify({ value: secrets.A }),
    });
    expect(putA.status).toBe(201);

    const runId = id();
    const message: ExecutionRequested = {
      tenantId,
      runId,
      reportId: report.id,
      scheduleId: schedule.id,
      trigger: 'manual',
      fireTime: null,
      parameters: {},
      requestedBy: 'e2e',
    };
    await createStorageQueueMessageBus(
      { connectionString: storage().connectionString },
      () => new Date(),
    ).publish(executionQueueName, { body: message, messageId: runId });
    const run = await waitFor(
      'the deliveries to settle',
      async () => {
        const r = await api<ExecutionRun>(`/api/v1/runs/${runId}`);
        return r.status === 200 && r.json.deliveries ? r.json : undefined;
      },
      150_000,
    );
    expect(run.status).toBe('succeeded');
    expect(run.deliveries).toEqual({ sent: 4, failed: 1 });
    const artifacts = (await api<{ items: Artifact[] }>(`/api/v1/artifacts?runId=${runId}`)).json.items;
    const pdf = artifacts.find((a) => a.format === 'pdf')!;
    const ledger = (await api<{ items: DeliveryRecord[] }>(`/api/v1/deliveries?runId=${runId}`)).json.items;
    expect(ledger).toHaveLength(5);

    // Email: exactly one message per recipient, to that recipient only; the PDF is over the limit → a link.
    type Mail = {
      to: string[];
      headerTo: string[];
      text: string;
      html: string;
      messageId: string;
      attachments: unknown[];
    };
    const mails = (await api<{ items: Mail[] }>('/api/v1/dev/mailbox')).json.items;
    expect(mails.map((m) => m.to).sort()).toEqual(recipients.map((r) => [r]));
    for (const mail of mails) {
      const record = ledger.find((d) => d.recipient === mail.to[0])!;
      expect(record).toMatchObject({ status: 'sent', attempts: 1, channel: 'email' });
      expect(mail.messageId).toContain(record.id);
      const others = recipients.filter((r) => r !== mail.to[0]);
      expect(others.some((r) => mail.headerTo.join(' ').includes(r))).toBe(false);
      expect(mail.attachments).toEqual([]);
      expect(mail.text).toMatch(/sent as a download link/);
      const url = /Download the report \((\S+)\)/.exec(mail.text)![1]!;
      const file = Buffer.from(await (await fetch(url)).arrayBuffer());
      expect(sha256(file)).toBe(pdf.checksum);
    }

    // Webhook A: 3 failures then a success; the same event id every time; the signature checks out.
    const a = hits.filter((h) => h.path === '/a');
    expect(a.map((h) => h.status)).toEqual([503, 503, 503, 200]);
    const recordA = ledger.find((d) => d.targetId === targets.A)!;
    expect(recordA).toMatchObject({ status: 'sent', attempts: 4, statusCode: 200 });
    expect(new Set(a.map((h) => h.headers['x-event-id']))).toEqual(new Set([recordA.id]));
    const last = a[3]!;
    const parts = Object.fromEntries(
      String(last.headers['x-signature'])
        .split(',')
        .map((p) => p.split('=')),
    );
    const expected = createHmac('sha256', secrets.A).update(`${parts.t}.${last.body}`).digest('hex');
    expect(parts.v1).toBe(expected);
    expect(JSON.parse(last.body)).toMatchObject({
      id: recordA.id,
      type: 'report.delivered',
      run: { id: runId },
    });

    // Webhook B: dead after 5 attempts, listed as a dead letter.
    const recordB = ledger.find((d) => d.targetId === targets.B)!;
    expect(recordB).toMatchObject({ status: 'dead', attempts: 5 });
    expect(hits.filter((h) => h.path === '/b')).toHaveLength(5);
    const dead = (await api<{ items: DeliveryRecord[] }>('/api/v1/deliveries?status=dead')).json.items;
    expect(dead.map((d) => d.id)).toEqual([recordB.id]);

    // Redrive: that recipient only, from the stored artifacts — no new render, no other send.
    receiver.bSucceeds = true;
    const redriven = await api<{ redrive: number }>(`/api/v1/deliveries/${recordB.id}/redrive`, {
      method: 'POST',
    });
    expect(redriven.status).toBe(202);
    const afterRedrive = await waitFor(
      'the redriven delivery to be sent',
      async () => {
        const d = await api<DeliveryRecord>(`/api/v1/deliveries/${recordB.id}`);
        return d.json.status === 'sent' ? d.json : undefined;
      },
      60_000,
    );
    expect(afterRedrive).toMatchObject({ attempts: 6, redrives: 1 });
    expect(hits.filter((h) => h.path === '/b').map((h) => h.headers['x-event-id'])).toEqual(
      Array(6).fill(recordB.id),
    );
    expect(hits.filter((h) => h.path === '/a')).toHaveLength(4);
    // B is signed with the key the operator set for this tenant.
    const lastB = hits.filter((h) => h.path === '/b').pop()!;
    const partsB = Object.fromEntries(
      String(lastB.headers['x-signature'])
        .split(',')
        .map((p) => p.split('=')),
    );
    expect(partsB.v1).toBe(createHmac('sha256', secrets.B).update(`${partsB.t}.${lastB.body}`).digest('hex'));
    expect((await api<{ items: Mail[] }>('/api/v1/dev/mailbox')).json.items).toHaveLength(3);
    const runAfter = (await api<ExecutionRun>(`/api/v1/runs/${runId}`)).json;
    expect(runAfter.steps).toEqual(run.steps);
    const artifactsAfter = (await api<{ items: Artifact[] }>(`/api/v1/artifacts?runId=${runId}`)).json.items;
    expect(artifactsAfter).toEqual(artifacts);
    const receipts = (
      await api<{ items: { status: string }[] }>(`/api/v1/delivery-receipts?artifactId=${pdf.id}`)
    ).json;
    expect(receipts.items.map((r) => r.status)).toEqual(Array(5).fill('sent'));
  }, 240_000);
});
