/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument -- assertions walk parsed JSON */
import { odata, TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectionString } from '../../test/support/storage';
import { startSmtpCatcher, type SmtpCatcher } from '../../local/smtp-catcher/smtp-catcher';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { startApiFixture, type ApiFixture, type Caller, admin, creator, viewer } from './testing/api-fixture';

// The preview endpoints over real adapters: Azurite, the DuckDB demo source, Chromium for PDF, and the
// SMTP catcher as the email channel (so "sends nothing" is checked in a real mailbox).
const perMinute = 8;
let api: ApiFixture;
let smtp: SmtpCatcher;
beforeAll(async () => {
  smtp = await startSmtpCatcher({});
  api = await startApiFixture(
    () =>
      Promise.all([
        import('./reports.js'),
        import('./report-preview.js'),
        import('./schedules.js'),
        import('./openapi.js'),
      ]),
    {
      settings: {
        PREVIEW_REQUESTS_PER_MINUTE: String(perMinute),
        SMTP_URL: smtp.url,
        EMAIL_FROM: 'Reports <reports@example.test>',
      },
    },
  );
}, 60_000);
afterAll(async () => {
  await api.deps.runs.renderers.pdf.close();
  await api.close();
  await smtp.stop();
});

const definition = {
  name: 'Sales by region',
  dataSource: {
    connectionId: 'demo',
    sql: 'select region, amount from sales where quantity >= $minQty order by amount desc',
    parameters: [{ name: 'minQty', type: 'integer', required: false, default: 1 }],
  },
  template: {
    body: '<h1>{{ report.name }}</h1>\n<p>{{ rows | size }} rows</p>\n<table>{% for r in rows %}<tr><td>{{ r.region }}</td></tr>{% endfor %}</table>',
  },
  outputs: [{ format: 'csv' }, { format: 'json' }, { format: 'html' }, { format: 'pdf' }],
};

const preview = (as: Caller, body: object) =>
  api.call('previewReport', { method: 'POST', path: '/api/v1/reports/preview', as, body });
const dryRun = (as: Caller, id: string, body?: object) =>
  api.call('dryRunReport', {
    method: 'POST',
    path: `/api/v1/reports/${id}/dry-run`,
    params: { id },
    as,
    ...(body === undefined ? {} : { body }),
  });

async function createReport(as: Caller, body: object = definition): Promise<string> {
  const res = await api.call('createReport', { method: 'POST', path: '/api/v1/reports', as, body });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

async function nothingRecorded(tenantId: string) {
  expect((await api.deps.repos.runs.list(tenantId, { limit: 10 })).items).toEqual([]);
  expect((await api.deps.repos.artifacts.list(tenantId, { limit: 10 })).items).toEqual([]);
  expect(await smtp.mailbox.list({ tenantId })).toEqual([]);
}

describe('POST /v1/reports/preview and /v1/reports/{id}/dry-run', () => {
  it('CSV: the file as rendered from the first rowLimit rows, the rows, and the time of each step', async () => {
    const tenant = api.tenant();
    const res = await preview(creator(tenant), { report: definition, format: 'csv', rowLimit: 5 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ format: 'csv', rowCount: 5, truncated: true, emails: [] });
    expect(res.json.columns.map((c: { name: string }) => c.name)).toEqual(['region', 'amount']);
    expect(res.json.rows).toHaveLength(5);
    const lines = (res.json.output.text as string).trim().split(/\r?\n/);
    expect(lines[0]).toBe('region,amount');
    expect(lines).toHaveLength(6);
    expect(res.json.steps.map((s: { name: string }) => s.name)).toEqual(['extract', 'transform', 'render']);
    for (const step of res.json.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
    await nothingRecorded(tenant);
  });

  it('JSON and the default cap of 200 rows; a query with fewer rows is not truncated', async () => {
    const tenant = api.tenant();
    const res = await preview(creator(tenant), { report: definition, format: 'json' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ rowCount: 200, truncated: true });
    expect(JSON.parse(res.json.output.text as string)).toHaveLength(200);
    const few = await preview(creator(tenant), {
      report: {
        ...definition,
        dataSource: { connectionId: 'demo', sql: 'select distinct region from sales' },
      },
      format: 'json',
    });
    expect(few.json.truncated).toBe(false);
    expect(few.json.rowCount).toBeLessThan(200);
  });

  it('a row cap above 1000 is a 400 naming rowLimit', async () => {
    const res = await preview(creator(api.tenant()), { report: definition, rowLimit: 1001 });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_ERROR');
    expect(JSON.stringify(res.json.error.details)).toContain('rowLimit');
  });

  it('HTML dry run of a saved report: sanitized inline, parameters bound, no run written, audited', async () => {
    const tenant = api.tenant();
    const id = await createReport(creator(tenant));
    const res = await dryRun(creator(tenant), id, { format: 'html', rowLimit: 3, parameters: { minQty: 2 } });
    expect(res.status).toBe(200);
    expect(res.json.output.kind).toBe('html');
    expect(res.json.output.html).toContain('Sales by region');
    expect(res.json.output.html).toContain('3 rows');
    expect(res.json.output.html).not.toMatch(/<script/i);
    await nothingRecorded(tenant);
    const audit = await api.deps.repos.audit.list(tenant, { limit: 10, entityType: 'report' });
    expect(audit.items.map((e) => e.action)).toContain('report.previewed');
  });

  it("PDF with a schedule: a signed URL that expires, page 1, and each recipient's email — none sent", async () => {
    const tenant = api.tenant();
    const id = await createReport(creator(tenant));
    const schedule = await api.call('createSchedule', {
      method: 'POST',
      path: '/api/v1/schedules',
      as: creator(tenant),
      body: {
        reportId: id,
        cronExpr: '0 8 * * 1-5',
        timezone: 'Europe/Berlin',
        emailDelivery: {
          enabled: true,
          recipients: ['Ann@example.com', 'bob@example.com'],
          attachPdf: true,
          subjectTemplate: 'Daily {{ reportName }} for {{ tenantName }}',
        },
      },
    });
    expect(schedule.status).toBe(201);
    const res = await dryRun(creator(tenant), id, {
      format: 'pdf',
      rowLimit: 20,
      scheduleId: schedule.json.id,
    });
    expect(res.status).toBe(200);
    const output = res.json.output;
    expect(output.kind).toBe('pdf');
    expect(output.thumbnail).toMatch(/^data:image\/png;base64,/);
    expect(Date.parse(output.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const pdf = Buffer.from(await (await fetch(output.url as string)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The previewed PDF lies under the tenant's prefix (the erase removes it) and is due for removal in 1 h.
    const housekeeping = TableClient.fromConnectionString(testConnectionString(), 'housekeeping', {
      allowInsecureConnection: true,
    });
    const due: { key: string; expiresAt: string }[] = [];
    for await (const row of housekeeping.listEntities<{ key: string; expiresAt: string }>({
      queryOptions: { filter: odata`tenantId eq ${tenant} and store eq 'blob'` },
    }))
      due.push(row);
    expect(due).toHaveLength(1);
    expect(due[0]!.key).toMatch(new RegExp(`^tenants/${tenant}/previews/[0-9a-f-]{36}/`));
    expect(Date.parse(due[0]!.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(Date.parse(due[0]!.expiresAt) - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    expect(res.json.emails.map((e: { recipient: string }) => e.recipient)).toEqual([
      'ann@example.com',
      'bob@example.com',
    ]);
    for (const email of res.json.emails) {
      expect(email).toMatchObject({ subject: `Daily Sales by region for ${tenant}`, attachment: 'attached' });
      expect(email.fileName).toMatch(/^sales-by-region-\d{8}-\d{4}\.pdf$/);
      expect(email.html).toContain('Sales by region');
      expect(email.text).toContain('Download the report');
    }
    await nothingRecorded(tenant);
  }, 60_000);

  it('a template error is a 400 naming template.body with line and column', async () => {
    const tenant = api.tenant();
    const broken = { ...definition, template: { body: '<h1>x</h1>\n<p>\n  {{ rows | nosuchfilter }}</p>' } };
    const res = await preview(creator(tenant), { report: broken, format: 'html' });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0]).toMatchObject({ field: 'template.body', line: 3, column: 3 });
    expect(res.json.error.details.issues[0].message).toBe('undefined filter: nosuchfilter');
    const syntax = { ...definition, template: { body: '<h1>x</h1>\n{% for r in rows %}' } };
    const bad = await preview(creator(tenant), { report: syntax, format: 'html' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.issues[0]).toMatchObject({ field: 'template.body', line: 2 });
  });

  it('a SQL error is a 400 naming dataSource.sql with line and column', async () => {
    const report = {
      ...definition,
      dataSource: { connectionId: 'demo', sql: 'select region,\n  nope\nfrom sales' },
    };
    const res = await preview(creator(api.tenant()), { report, format: 'csv' });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0]).toMatchObject({ field: 'dataSource.sql', line: 2, column: 3 });
    expect(res.json.error.details.issues[0].message).toMatch(/nope/);
  });

  it('another tenant’s report or schedule is 404; a viewer may not preview', async () => {
    const owner = api.tenant();
    const other = api.tenant('other');
    const id = await createReport(creator(owner));
    expect((await dryRun(admin(other), id)).status).toBe(404);
    const theirs = await api.call('createSchedule', {
      method: 'POST',
      path: '/api/v1/schedules',
      as: creator(other),
      body: { reportId: await createReport(creator(other)), cronExpr: '0 8 * * *', timezone: 'UTC' },
    });
    expect(theirs.status).toBe(201);
    const res = await dryRun(creator(owner), id, { scheduleId: theirs.json.id });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
    expect((await dryRun(viewer(owner), id)).status).toBe(403);
    expect((await preview(viewer(owner), { report: exampleReportRequest })).status).toBe(403);
  });

  it(`counts against its own limit: the ${perMinute + 1}th preview in a minute is 429 with retryAfterSeconds`, async () => {
    const tenant = api.tenant();
    const cheap = { report: { ...definition, dataSource: { connectionId: 'demo', sql: 'select 1 as x' } } };
    for (let i = 0; i < perMinute; i++)
      expect((await preview(creator(tenant), { ...cheap, format: 'csv' })).status).toBe(200);
    const refused = await preview(creator(tenant), { ...cheap, format: 'csv' });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(refused.json.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.headers['retry-after'] ?? refused.headers['Retry-After']).toBe(
      String(refused.json.error.details.retryAfterSeconds),
    );
    // Another tenant is not affected, and the API's general limit is not spent by previews alone.
    expect((await preview(creator(api.tenant()), { ...cheap, format: 'csv' })).status).toBe(200);
    expect((await api.call('listReports', { path: '/api/v1/reports', as: creator(tenant) })).status).toBe(
      200,
    );
  });
});
