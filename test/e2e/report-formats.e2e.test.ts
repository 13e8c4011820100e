/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- assertions walk parsed JSON */
import { parse } from 'csv-parse/sync';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAzurite } from '../../local/azurite/start-azurite';
import { pdfInfo, pdfText } from '../../shared/adapters/chromium/testing/poppler';
import { createDuckDbDemoSource } from '../../shared/adapters/datasources/duckdb-demo-source';
import { guardCell } from '../../shared/app/render/csv-renderer';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import type { Row } from '../../shared/ports/data-source';
import { devToken, startHostOnOwnAzurite, waitFor, type HostProcess } from '../support/host-process';

// The whole product on the local host (`node dist/local/main.js`, run `npm run build` first): reports
// created through the API, run with POST /reports/{id}/runs through the Durable engine, every format
// from DuckDB and from the PostgreSQL on this machine, downloaded and checked.
const demoRows = 3_000;
const tenant = 'formats';
const schema = `e2e_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
let azurite: RunningAzurite;
let host: HostProcess;
let token: string;

/** Rows in PostgreSQL, with the cells a CSV, an HTML page and a formula guard must get right. */
const pgRows = Array.from({ length: 60 }, (_, i) => ({
  id: i + 1,
  region: ['North', 'South', 'East', 'West'][i % 4]!,
  amount: Math.round((i + 1) * 137.25) / 10,
  note: [`plain ${i + 1}`, 'comma, "quote"\nnewline', '=HYPERLINK("x")', '<script>x</script> & co'][i % 4]!,
}));

beforeAll(async () => {
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.query(
    `create table ${schema}.orders (id int primary key, region text, amount float8, note text)`,
  );
  for (const r of pgRows)
    await admin.query(`insert into ${schema}.orders values ($1, $2, $3, $4)`, [
      r.id,
      r.region,
      r.amount,
      r.note,
    ]);
  ({ azurite, host } = await startHostOnOwnAzurite({
    DEMO_SALES_ROWS: String(demoRows),
    OUTBOUND_ALLOWLIST: '127.0.0.1:5432',
  }));
  token = await devToken(host.url, tenant);
}, 120_000);

afterAll(async () => {
  await host?.kill('SIGTERM');
  await azurite?.stop();
  await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
  await admin.end();
});

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${host.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function download(artifactId: string): Promise<Buffer> {
  const res = await fetch(`${host.url}/api/v1/artifacts/${artifactId}/download`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Creates the report, runs it now, waits for the run and returns its artifacts by format. */
async function runReport(body: unknown, parameters?: Record<string, unknown>) {
  const created = await api('POST', '/reports', body);
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  const queued = await api(
    'POST',
    `/reports/${created.json.id}/runs`,
    parameters ? { parameters } : undefined,
  );
  expect(queued.status, JSON.stringify(queued.json)).toBe(202);
  const run = await waitFor(
    'the run to finish',
    async () => {
      const got = await api('GET', `/runs/${queued.json.id}`);
      return ['succeeded', 'failed'].includes(got.json?.status) ? got.json : undefined;
    },
    120_000,
  );
  expect(run.error).toBeNull();
  expect(run.status).toBe('succeeded');
  const listed = await api('GET', `/artifacts?runId=${run.id}`);
  const byFormat: Record<string, any> = {};
  for (const a of listed.json.items) byFormat[a.format] = a;
  return { run, artifacts: byFormat };
}

/** What a cell looks like in our CSV: the formula guard applied, then RFC 4180 quoting. */
const csvCell = (v: unknown) => (v === null || v === undefined ? '' : String(guardCell(v)));

async function duckRows(sql: string): Promise<Row[]> {
  const source = await createDuckDbDemoSource({ rows: demoRows });
  const result = await source.query({ sql, params: {}, timeoutMs: 10_000, maxRows: 10_000 });
  const rows: Row[] = [];
  for await (const batch of result.batches) rows.push(...batch);
  return JSON.parse(JSON.stringify(rows)) as Row[];
}

function expectCsv(file: Buffer, columns: string[], rows: Row[]) {
  const parsed: Record<string, string>[] = parse(file, { columns: true });
  expect(Object.keys(parsed[0] ?? {})).toEqual(columns);
  expect(parsed).toEqual(rows.map((r) => Object.fromEntries(columns.map((c) => [c, csvCell(r[c])]))));
}

const rowTemplate =
  '<h1>{{ report.name }}</h1><table>{% for r in rows %}<tr><td>{{ r.region }}</td><td>{{ r.total }}</td><td>{{ r.orders }}</td></tr>{% endfor %}</table>';

describe('every format on the local host', () => {
  it('accepts the issue’s example body as is and produces its CSV and PDF', async () => {
    const { artifacts } = await runReport(exampleReportRequest);
    expect(Object.keys(artifacts).sort()).toEqual(['csv', 'pdf']);
    const expected = await duckRows(exampleReportRequest.dataSource.sql);
    expectCsv(await download(artifacts.csv.id), ['region', 'total'], expected);
    const pdf = await download(artifacts.pdf.id);
    expect(pdfInfo(pdf).pages).toBe(artifacts.pdf.pages);
    const text = pdfText(pdf, 1);
    const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    expect(text).toMatch(/^Sales by region /);
    for (const r of expected) expect(text).toContain(`${String(r.region)} ${usd.format(Number(r.total))}`);
    expect(artifacts.pdf.hasThumbnail).toBe(true);
  }, 180_000);

  it('DuckDB → CSV, JSON, HTML and PDF, each equal to the query result', async () => {
    const sql =
      'select region, round(sum(amount), 2) as total, count(*)::INTEGER as orders from sales group by region order by region';
    const { run, artifacts } = await runReport({
      name: 'Duck formats',
      dataSource: { connectionId: 'demo', sql },
      template: { body: rowTemplate },
      outputs: [{ format: 'csv' }, { format: 'json' }, { format: 'html' }, { format: 'pdf' }],
    });
    const expected = await duckRows(sql);
    expect(run.rowCount).toBe(expected.length);
    expectCsv(await download(artifacts.csv.id), ['region', 'total', 'orders'], expected);
    expect(JSON.parse((await download(artifacts.json.id)).toString('utf8'))).toEqual(expected);
    const html = (await download(artifacts.html.id)).toString('utf8');
    expect(html).toContain(
      expected
        .map(
          (r) =>
            `<tr><td>${String(r.region)}</td><td>${String(r.total)}</td><td>${String(r.orders)}</td></tr>`,
        )
        .join(''),
    );
    const pdf = await download(artifacts.pdf.id);
    expect(pdfInfo(pdf).pages).toBe(artifacts.pdf.pages);
    expect(pdfText(pdf)).toContain(
      expected.map((r) => `${String(r.region)} ${String(r.total)} ${String(r.orders)}`).join(' '),
    );
  }, 180_000);

  it('PostgreSQL (a tenant data source) → every format, with a bound parameter that stays a value', async () => {
    const source = await api('POST', '/data-sources', {
      type: 'postgres',
      name: 'Local PostgreSQL',
      config: { host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres', ssl: 'disable' },
    });
    expect(source.status, JSON.stringify(source.json)).toBe(201);
    const report = {
      name: 'PG formats',
      dataSource: {
        connectionId: source.json.id,
        sql: `select id, region, amount, note from ${schema}.orders where amount >= $1 and region <> $2 order by id`,
        parameters: [
          { name: 'minAmount', type: 'number', required: true },
          { name: 'skip', type: 'string', default: 'none' },
        ],
      },
      template: {
        body: '<table>{% for r in rows %}<tr><td>{{ r.id }}</td><td>{{ r.amount }}</td><td>{{ r.note }}</td></tr>{% endfor %}</table>',
      },
      outputs: [{ format: 'csv' }, { format: 'json' }, { format: 'html' }, { format: 'pdf' }],
    };
    const injection = "x' or '1'='1";
    const { run, artifacts } = await runReport(report, { minAmount: 100, skip: injection });
    const expected = pgRows.filter((r) => r.amount >= 100 && r.region !== injection);
    expect(expected.length).toBeGreaterThan(40);
    expect(run.rowCount).toBe(expected.length);
    expectCsv(await download(artifacts.csv.id), ['id', 'region', 'amount', 'note'], expected);
    expect(JSON.parse((await download(artifacts.json.id)).toString('utf8'))).toEqual(expected);

    const html = (await download(artifacts.html.id)).toString('utf8');
    for (const r of expected) expect(html).toContain(`<tr><td>${r.id}</td><td>${r.amount}</td><td>`);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt; &amp; co');
    expect(html).not.toContain('<script>x</script>');

    const pdf = await download(artifacts.pdf.id);
    expect(pdfInfo(pdf).pages).toBe(artifacts.pdf.pages);
    const text = pdfText(pdf);
    for (const r of expected) expect(text).toContain(`${r.id} ${r.amount} `);
    expect(text).toContain('<script>x</script> & co');
  }, 180_000);
});
