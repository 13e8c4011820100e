import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailboxEndpoint } from './mailbox-endpoint';
import { createMailboxStore, type CaughtMail } from './mailbox-store';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher';

let dir: string;
let catcher: SmtpCatcher;
let api: http.Server;
let apiBase: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-catcher-'));
  catcher = await startSmtpCatcher({ dir, maxMessageBytes: 200_000 });
  // The endpoint reads the mailbox through its own store on the same directory, as after a restart.
  const endpoint = createMailboxEndpoint(createMailboxStore(dir));
  api = http.createServer((req, res) => {
    void endpoint(req, res).then((answered) => answered || res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/v1/dev/mailbox`;
});
afterAll(async () => {
  await catcher.stop();
  await new Promise((resolve) => api.close(resolve));
  await fs.rm(dir, { recursive: true, force: true });
});

const mailer = () => nodemailer.createTransport({ url: catcher.url });
const listed = async (query = '') => {
  const res = await fetch(`${apiBase}${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: CaughtMail[] }).items;
};

describe('local SMTP catcher', () => {
  it('listens on loopback only', () => {
    expect(catcher.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps a mail sent with nodemailer and lists it at /api/v1/dev/mailbox', async () => {
    expect((await fetch(apiBase, { method: 'DELETE' })).status).toBe(204);
    await mailer().sendMail({
      from: 'Reports <reports@example.test>',
      to: 'ada@example.test',
      subject: 'Sales — week 48',
      text: 'plain part',
      html: '<p>html part</p>',
      messageId: '<dlv_1@example.test>',
      attachments: [{ filename: 'sales.csv', contentType: 'text/csv', content: 'region,total\nnorth,1\n' }],
    });
    const [mail, ...rest] = await listed();
    expect(rest).toEqual([]);
    expect(mail).toMatchObject({
      to: ['ada@example.test'],
      headerTo: ['ada@example.test'],
      cc: [],
      from: 'Reports <reports@example.test>',
      subject: 'Sales — week 48',
      text: 'plain part',
      html: '<p>html part</p>',
      messageId: '<dlv_1@example.test>',
      attachments: [{ filename: 'sales.csv', contentType: 'text/csv', size: 21 }],
    });
    expect(Date.parse(mail!.receivedAt)).not.toBeNaN();
    const eml = await fs.readFile(path.join(dir, `${mail!.id}.eml`), 'utf8');
    expect(eml).toMatch(/^Message-ID: <dlv_1@example\.test>/im);
  });

  it('filters by recipient and survives a restart (reads its directory again)', async () => {
    await fetch(apiBase, { method: 'DELETE' });
    for (const to of ['a@example.test', 'b@example.test', 'A@example.test'])
      await mailer().sendMail({ from: 'r@example.test', to, subject: `for ${to}`, text: 'x' });
    expect((await listed('?to=a%40example.test')).map((m) => m.subject)).toEqual([
      'for a@example.test',
      'for A@example.test',
    ]);

    await catcher.stop();
    catcher = await startSmtpCatcher({ dir, maxMessageBytes: 200_000 });
    expect((await catcher.mailbox.list()).map((m) => m.subject)).toEqual([
      'for a@example.test',
      'for b@example.test',
      'for A@example.test',
    ]);
  });

  it('refuses @bounce.invalid with 550, @defer.invalid with 451, and an oversize message with 552', async () => {
    const refused = async (mail: SendMailOptions) =>
      mailer()
        .sendMail({ from: 'r@example.test', subject: 's', text: 't', ...mail })
        .then(
          () => undefined,
          (err: { responseCode?: number }) => err.responseCode,
        );
    expect(await refused({ to: 'nobody@bounce.invalid' })).toBe(550);
    expect(await refused({ to: 'later@defer.invalid' })).toBe(451);
    expect(await refused({ to: 'big@example.test', text: 'x'.repeat(300_000) })).toBe(552);
    expect((await listed('?to=big%40example.test')).length).toBe(0);
  });

  it('answers other methods with the error envelope', async () => {
    const res = await fetch(apiBase, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
