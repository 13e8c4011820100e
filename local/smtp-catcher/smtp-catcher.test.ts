import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../shared/adapters/auth/jose-token-verifier';
import { TENANT_MAIL_HEADER } from '../../shared/adapters/channels/smtp-email-channel';
import type { Role } from '../../shared/contracts/common';
import { createDevIssuer, type DevIssuer } from '../dev-issuer/dev-issuer';
import { createMailboxEndpoint } from './mailbox-endpoint';
import { createMailboxStore, type CaughtMail } from './mailbox-store';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher';

let dir: string;
let catcher: SmtpCatcher;
let api: http.Server;
let apiBase: string;
let issuer: DevIssuer;
let endpoint: ReturnType<typeof createMailboxEndpoint>;
let keyDir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-catcher-'));
  catcher = await startSmtpCatcher({ dir, maxMessageBytes: 200_000 });
  // The endpoint reads the mailbox through its own store on the same directory, as after a restart; the
  // server also serves a dev issuer's JWKS, as the local host does.
  api = http.createServer((req, res) => {
    void (async () => (await issuer.handle(req, res)) || (await endpoint(req, res)))().then(
      (answered) => answered || res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  keyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-catcher-issuer-'));
  issuer = await createDevIssuer({ dataDir: keyDir, issuer: base, audience: 'report-scheduler' });
  const verifier = createTokenVerifier({
    issuer: base,
    audience: 'report-scheduler',
    jwksUrl: issuer.jwksUri,
    algorithms: ['RS256'],
  });
  endpoint = createMailboxEndpoint(createMailboxStore(dir), verifier);
  apiBase = `${base}/api/v1/dev/mailbox`;
});
afterAll(async () => {
  await catcher.stop();
  await new Promise((resolve) => api.close(resolve));
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(keyDir, { recursive: true, force: true });
});

/** Mail as the app's email channel sends it in local mode: naming its tenant (t1 unless told). */
const mailer = (tenantId = 't1') =>
  nodemailer.createTransport({ url: catcher.url }, { headers: { [TENANT_MAIL_HEADER]: tenantId } });
const bearer = async (tenantId = 't1', roles: Role[] = ['tenant_admin']) => ({
  authorization: `Bearer ${(await issuer.mintToken({ tenantId, userId: 'u1', roles })).accessToken}`,
});
const mailboxCall = async (method: string, query = '', tenantId = 't1') =>
  fetch(`${apiBase}${query}`, { method, headers: await bearer(tenantId) });
const listed = async (query = '', tenantId = 't1') => {
  const res = await mailboxCall('GET', query, tenantId);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: CaughtMail[] }).items;
};

describe('local SMTP catcher', () => {
  it('listens on loopback only', () => {
    expect(catcher.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('keeps a mail sent with nodemailer and lists it at /api/v1/dev/mailbox', async () => {
    expect((await mailboxCall('DELETE')).status).toBe(204);
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
      tenantId: 't1',
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
    await mailboxCall('DELETE');
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

  it("shows and deletes only the caller's tenant's mail, and only to a signed-in caller", async () => {
    await mailboxCall('DELETE', '', 'ta');
    await mailboxCall('DELETE', '', 'tb');
    await mailer('ta').sendMail({
      from: 'r@example.test',
      to: 'x@example.test',
      subject: 'for ta',
      text: 'x',
    });
    await mailer('tb').sendMail({
      from: 'r@example.test',
      to: 'x@example.test',
      subject: 'for tb',
      text: 'x',
    });
    const anonymous = nodemailer.createTransport({ url: catcher.url });
    await anonymous.sendMail({ from: 'r@example.test', to: 'x@example.test', subject: 'nobody', text: 'x' });
    expect((await listed('', 'ta')).map((m) => m.subject)).toEqual(['for ta']);
    expect((await listed('?to=x%40example.test', 'tb')).map((m) => m.subject)).toEqual(['for tb']);

    expect((await mailboxCall('DELETE', '', 'tb')).status).toBe(204);
    expect(await listed('', 'tb')).toEqual([]);
    expect((await listed('', 'ta')).map((m) => m.subject)).toEqual(['for ta']);
    expect((await catcher.mailbox.list()).map((m) => m.subject)).toContain('nobody');

    const unsigned = await fetch(apiBase);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const viewerDeletes = await fetch(apiBase, { method: 'DELETE', headers: await bearer('ta', ['viewer']) });
    expect(viewerDeletes.status).toBe(403);
    expect((await listed('', 'ta')).map((m) => m.subject)).toEqual(['for ta']);
  });

  it('answers other methods with the error envelope', async () => {
    const res = await fetch(apiBase, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
