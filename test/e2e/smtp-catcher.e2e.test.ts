import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/azurite/start-azurite';
import { TENANT_MAIL_HEADER } from '../../shared/adapters/channels/smtp-email-channel';
import { devToken, startHostProcess, type HostProcess } from '../support/host-process';

// The local host's SMTP catcher, in the real child process: it takes mail on SMTP_CATCHER_PORT, lists it
// at /api/v1/dev/mailbox, and still lists it after the host is killed and started again on the same DATA_DIR.
let dataDir: string;
let host: HostProcess | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rs-mailbox-e2e-'));
  env = {
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    SMTP_CATCHER_PORT: String(await freePort()),
    AZURITE_BLOB_PORT: String(await freePort()),
    AZURITE_QUEUE_PORT: String(await freePort()),
    AZURITE_TABLE_PORT: String(await freePort()),
  };
}, 30_000);

afterAll(async () => {
  await host?.kill('SIGTERM');
  await fs.rm(dataDir, { recursive: true, force: true });
});

const mailbox = async (query = '', tenantId = 'acme') => {
  const res = await fetch(`${host!.url}/api/v1/dev/mailbox${query}`, {
    headers: { authorization: `Bearer ${await devToken(host!.url, tenantId)}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { to: string[]; subject: string; messageId: string }[] }).items;
};

describe('local host SMTP catcher', () => {
  it('lists a mail sent to it, and still lists it after a SIGKILL and a restart', async () => {
    host = await startHostProcess(env);
    await host.ready();
    expect(await mailbox()).toEqual([]);

    await nodemailer.createTransport({ url: `smtp://127.0.0.1:${env.SMTP_CATCHER_PORT}` }).sendMail({
      from: 'reports@localhost.test',
      to: 'ada@example.test',
      subject: 'caught',
      text: 'hello',
      messageId: '<dlv_e2e@localhost.test>',
      headers: { [TENANT_MAIL_HEADER]: 'acme' }, // as the app's email channel sends in local mode
    });
    expect(await mailbox('?to=ada%40example.test')).toMatchObject([
      { to: ['ada@example.test'], subject: 'caught', messageId: '<dlv_e2e@localhost.test>' },
    ]);
    expect(await mailbox('?to=bo%40example.test')).toEqual([]);
    expect(await mailbox('', 'other-tenant')).toEqual([]);

    await host.kill('SIGKILL');
    host = await startHostProcess(env);
    await host.ready();
    expect((await mailbox()).map((m) => m.subject)).toEqual(['caught']);

    const token = await devToken(host.url, 'acme');
    const cleared = await fetch(`${host.url}/api/v1/dev/mailbox`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(cleared.status).toBe(204);
    expect(await mailbox()).toEqual([]);
  }, 200_000);
});
