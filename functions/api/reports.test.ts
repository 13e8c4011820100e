/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { startApiFixture, type ApiFixture, type Caller } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() => import('./reports.js'));
});
afterAll(() => api.close());

const admin = (tenantId: string): Caller => ({ tenantId, userId: 'admin', roles: ['tenant_admin'] });
const creator = (tenantId: string, userId = 'alice'): Caller => ({
  tenantId,
  userId,
  roles: ['report_creator'],
});
const viewer = (tenantId: string): Caller => ({ tenantId, userId: 'vic', roles: ['viewer'] });

const create = (as: Caller, body: unknown = exampleReportRequest, headers: Record<string, string> = {}) =>
  api.call('createReport', { method: 'POST', path: '/api/v1/reports', as, body, headers });
const byId = (
  name: string,
  method: string,
  id: string,
  as: Caller,
  extra: { body?: unknown; headers?: Record<string, string> } = {},
) => api.call(name, { method, path: `/api/v1/reports/${id}`, params: { id }, as, ...extra });

describe('reports: create and read', () => {
  it('accepts the example body as is; the server sets id, tenant, owner and timestamps', async () => {
    const tenant = api.tenant();
    const res = await create(creator(tenant));
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      ...exampleReportRequest,
      tenantId: tenant,
      createdBy: 'alice',
      description: '',
      active: true,
    });
    expect(res.json.createdAt).toBe(res.json.updatedAt);
    expect(res.headers.location).toBe(`/api/v1/reports/${res.json.id}`);
    expect(res.headers.etag).toMatch(/^W\/"/);

    const got = await byId('getReport', 'GET', res.json.id, viewer(tenant));
    expect(got.status).toBe(200);
    expect(got.json).toEqual(res.json);
    expect(got.headers.etag).toBe(res.headers.etag);

    const list = await api.call('listReports', { path: '/api/v1/reports?limit=1', as: viewer(tenant) });
    expect(list.json).toEqual({ items: [res.json], nextCursor: null });
  });

  it('pages the list with a cursor', async () => {
    const tenant = api.tenant();
    for (let i = 0; i < 3; i++) await create(admin(tenant), { ...exampleReportRequest, name: `R${i}` });
    const first = await api.call('listReports', { path: '/api/v1/reports?limit=2', as: viewer(tenant) });
    expect(first.json.items.map((r: { name: string }) => r.name)).toEqual(['R0', 'R1']);
    const next = await api.call('listReports', {
      path: `/api/v1/reports?limit=2&cursor=${first.json.nextCursor}`,
      as: viewer(tenant),
    });
    expect(next.json.items.map((r: { name: string }) => r.name)).toEqual(['R2']);
    expect(next.json.nextCursor).toBeNull();
  });

  it('refuses unknown fields — the tenant comes from the token only — naming the field', async () => {
    const tenant = api.tenant();
    const top = await create(creator(tenant), { ...exampleReportRequest, tenantId: 'other' });
    expect(top.status).toBe(400);
    expect(top.json.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'tenantId' } });
    const nested = await create(creator(tenant), {
      ...exampleReportRequest,
      dataSource: { ...exampleReportRequest.dataSource, password: 'x' },
    });
    expect(nested.json.error.details.field).toBe('dataSource.password');
    const output = await create(creator(tenant), {
      ...exampleReportRequest,
      outputs: [{ format: 'csv', options: { pageSize: 'A4' } }],
    });
    expect(output.json.error.details.field).toBe('outputs[0].options.pageSize');
  });

  it('checks SQL placeholders against the declared parameters (demo = DuckDB $name)', async () => {
    const tenant = api.tenant();
    const withSql = (sql: string, parameters: unknown[] = []) => ({
      ...exampleReportRequest,
      dataSource: { connectionId: 'demo', sql, parameters },
    });
    const undeclared = await create(creator(tenant), withSql('select * from sales where region = $region'));
    expect(undeclared.status).toBe(400);
    expect(undeclared.json.error.details.field).toBe('dataSource.sql');
    expect(undeclared.json.error.details.issues[0]).toMatchObject({ code: 'undeclared_parameter', line: 1 });
    expect(undeclared.json.error.message).toContain('$region');

    const positional = await create(
      creator(tenant),
      withSql('select * from sales where quantity > $1', [{ name: 'q', type: 'integer' }]),
    );
    expect(positional.json.error.details.issues[0].code).toBe('wrong_placeholder_syntax');

    const ok = await create(
      creator(tenant),
      withSql("select * from sales where region = $region and note <> '$notAParam' -- $neither", [
        { name: 'region', type: 'string', required: true },
      ]),
    );
    expect(ok.status).toBe(201);
    expect(ok.json.dataSource.parameters).toEqual([{ name: 'region', type: 'string', required: true }]);

    const badDefault = await create(
      creator(tenant),
      withSql('select $n', [{ name: 'n', type: 'integer', default: 'ten' }]),
    );
    expect(badDefault.json.error.details.field).toBe('dataSource.parameters[0].default');
  });

  it('accepts any placeholder syntax for other connections, each declared', async () => {
    const tenant = api.tenant();
    const other = (sql: string, parameters: unknown[]) => ({
      ...exampleReportRequest,
      dataSource: { connectionId: 'warehouse', sql, parameters },
    });
    expect(
      (
        await create(
          creator(tenant),
          other('select * from t where a = @a and b = $1', [{ name: 'a', type: 'string' }]),
        )
      ).status,
    ).toBe(201);
    const missing = await create(
      creator(tenant),
      other('select * from t where a = @a and b = $2', [{ name: 'a', type: 'string' }]),
    );
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.issues[0]).toMatchObject({
      field: 'dataSource.sql',
      code: 'undeclared_parameter',
    });
  });

  it('reports a Liquid syntax error with its line and column; unknown filters are fine', async () => {
    const tenant = api.tenant();
    const res = await create(creator(tenant), {
      ...exampleReportRequest,
      template: { body: '<h1>{{ report.name | currency }}</h1>\n{% for r in rows %}<p>{{ r.region }}</p>' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details.issues[0]).toMatchObject({
      field: 'template.body',
      code: 'template_syntax',
      line: 2,
      column: 1,
    });
    const header = await create(creator(tenant), {
      ...exampleReportRequest,
      template: { body: 'ok', header: '{{ page ' },
    });
    expect(header.json.error.details.field).toBe('template.header');
  });

  it('validates transforms and outputs by shape', async () => {
    const tenant = api.tenant();
    const transforms = [
      { type: 'select', columns: ['region', { column: 'total', as: 'revenue' }] },
      { type: 'filter', conditions: [{ column: 'revenue', op: 'gt', value: 100 }] },
      {
        type: 'groupBy',
        keys: ['region'],
        aggregates: [
          { fn: 'sum', column: 'revenue', as: 'sum' },
          { fn: 'count', as: 'n' },
        ],
      },
      { type: 'compute', as: 'double', expression: { op: 'mul', args: [{ column: 'sum' }, { value: 2 }] } },
      { type: 'sort', by: [{ column: 'sum', direction: 'desc' }] },
      { type: 'limit', count: 10 },
    ];
    const outputs = [
      { format: 'csv', options: { delimiter: ';', bom: true } },
      {
        format: 'pdf',
        options: { pageSize: 'Letter', orientation: 'landscape', margins: { top: '10mm' }, tagged: true },
      },
    ];
    const ok = await create(creator(tenant), { ...exampleReportRequest, transforms, outputs });
    expect(ok.status).toBe(201);
    expect(ok.json.transforms[1]).toEqual({ ...transforms[1], match: 'all' });

    const arity = await create(creator(tenant), {
      ...exampleReportRequest,
      transforms: [
        { type: 'compute', as: 'x', expression: { op: 'neg', args: [{ column: 'a' }, { column: 'b' }] } },
      ],
    });
    expect(arity.json.error.details.field).toMatch(/^transforms\[0\]\.expression/);
    const filter = await create(creator(tenant), {
      ...exampleReportRequest,
      transforms: [{ type: 'filter', conditions: [{ column: 'a', op: 'in', value: 3 }] }],
    });
    expect(filter.json.error.details.field).toBe('transforms[0].conditions[0].value');
    const depth = 25_000; // built as text: JSON.stringify itself would overflow the stack
    const deep = `{"op":"neg","args":[`.repeat(depth) + '{"column":"a"}' + ']}'.repeat(depth);
    const body = JSON.stringify({
      ...exampleReportRequest,
      transforms: [{ type: 'compute', as: 'x', expression: 0 }],
    });
    const tooDeep = await create(creator(tenant), body.replace('"expression":0', `"expression":${deep}`));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.json.error.details.field).toBe('transforms[0].expression');

    const twice = await create(creator(tenant), {
      ...exampleReportRequest,
      outputs: [{ format: 'csv' }, { format: 'csv' }],
    });
    expect(twice.json.error.details.field).toBe('outputs[1].format');
    const noTemplate = await create(creator(tenant), {
      ...exampleReportRequest,
      template: undefined,
      outputs: [{ format: 'html' }],
    });
    expect(noTemplate.json.error.details.issues[0]).toMatchObject({
      field: 'outputs[0].format',
      code: 'template_required',
    });
  });
});

describe('reports: who may change what', () => {
  it("another tenant's report is not found, for every verb", async () => {
    const [mine, theirs] = [api.tenant(), api.tenant()];
    const { json } = await create(creator(mine));
    for (const as of [admin(theirs), creator(theirs, 'alice')]) {
      expect((await byId('getReport', 'GET', json.id, as)).status).toBe(404);
      expect((await byId('updateReport', 'PUT', json.id, as, { body: exampleReportRequest })).status).toBe(
        404,
      );
      expect((await byId('deleteReport', 'DELETE', json.id, as)).status).toBe(404);
    }
    expect((await byId('getReport', 'GET', json.id, viewer(mine))).status).toBe(200);
  });

  it('a viewer reads but cannot create, update or delete', async () => {
    const tenant = api.tenant();
    const { json } = await create(admin(tenant));
    expect((await create(viewer(tenant))).status).toBe(403);
    expect(
      (await byId('updateReport', 'PUT', json.id, viewer(tenant), { body: exampleReportRequest })).status,
    ).toBe(403);
    expect((await byId('deleteReport', 'DELETE', json.id, viewer(tenant))).status).toBe(403);
    expect((await byId('getReport', 'GET', json.id, viewer(tenant))).status).toBe(200);
  });

  it('a report creator edits and deletes only its own; a tenant admin any', async () => {
    const tenant = api.tenant();
    const alices = (await create(creator(tenant, 'alice'))).json;
    const renamed = { ...exampleReportRequest, name: 'Renamed' };
    const bob = creator(tenant, 'bob');
    const refused = await byId('updateReport', 'PUT', alices.id, bob, { body: renamed });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect((await byId('deleteReport', 'DELETE', alices.id, bob)).status).toBe(403);

    const own = await byId('updateReport', 'PUT', alices.id, creator(tenant, 'alice'), { body: renamed });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ name: 'Renamed', createdBy: 'alice', createdAt: alices.createdAt });
    expect(
      (await byId('updateReport', 'PUT', alices.id, admin(tenant), { body: exampleReportRequest })).status,
    ).toBe(200);
    expect((await byId('deleteReport', 'DELETE', alices.id, admin(tenant))).status).toBe(204);
    expect((await byId('getReport', 'GET', alices.id, admin(tenant))).status).toBe(404);
  });

  it('If-Match: a stale ETag is refused with 412 on PUT and DELETE; the current one passes', async () => {
    const tenant = api.tenant();
    const created = await create(creator(tenant));
    const id = created.json.id as string;
    const first = created.headers.etag!;
    const updated = await byId('updateReport', 'PUT', id, creator(tenant), {
      body: { ...exampleReportRequest, name: 'v2' },
      headers: { 'if-match': first },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.etag).not.toBe(first);
    const stale = await byId('updateReport', 'PUT', id, creator(tenant), {
      body: { ...exampleReportRequest, name: 'v3' },
      headers: { 'if-match': first },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('PRECONDITION_FAILED');
    expect(
      (await byId('deleteReport', 'DELETE', id, creator(tenant), { headers: { 'if-match': first } })).status,
    ).toBe(412);
    expect((await byId('getReport', 'GET', id, viewer(tenant))).json.name).toBe('v2');
    expect(
      (
        await byId('deleteReport', 'DELETE', id, creator(tenant), {
          headers: { 'if-match': updated.headers.etag! },
        })
      ).status,
    ).toBe(204);
  });

  it('refuses to delete a report that schedules or event triggers use, listing them', async () => {
    const tenant = api.tenant();
    const { json } = await create(admin(tenant));
    const now = new Date().toISOString();
    // A schedule in its stored (pre-rule) form, which every Schedule schema version reads.
    await api.deps.repos.schedules.insert(tenant, {
      id: 'sched-1',
      tenantId: tenant,
      reportId: json.id,
      kind: 'cron',
      cronExpr: '0 9 * * *',
      timezone: 'UTC',
      active: true,
      parameters: {},
      nextRunAt: null,
      createdBy: 'admin',
      createdAt: now,
      updatedAt: now,
    } as never);
    const res = await byId('deleteReport', 'DELETE', json.id, admin(tenant));
    expect(res.status).toBe(409);
    expect(res.json.error).toMatchObject({
      code: 'CONFLICT',
      details: { schedules: ['sched-1'], eventTriggers: [] },
    });
    await api.deps.repos.schedules.remove(tenant, 'sched-1');
    expect((await byId('deleteReport', 'DELETE', json.id, admin(tenant))).status).toBe(204);
  });
});

describe('reports: idempotency and audit', () => {
  it('replays the stored response for the same key and body; another body under that key → 422', async () => {
    const tenant = api.tenant();
    const key = { 'idempotency-key': 'create-sales-1' };
    const first = await create(creator(tenant), exampleReportRequest, key);
    // Same JSON, other key order and spacing: the same request.
    const again = await create(
      creator(tenant),
      JSON.stringify(Object.fromEntries(Object.entries(exampleReportRequest).reverse()), null, 2),
      key,
    );
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
    const list = await api.call('listReports', { path: '/api/v1/reports', as: viewer(tenant) });
    expect(list.json.items).toHaveLength(1);

    const reused = await create(creator(tenant), { ...exampleReportRequest, name: 'Other' }, key);
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The key is the caller's: another user with the same key is another request.
    expect(
      (await create(creator(tenant, 'bob'), exampleReportRequest, key)).headers['idempotent-replayed'],
    ).toBeUndefined();

    const id = first.json.id as string;
    const del = { 'idempotency-key': 'delete-1' };
    expect((await byId('deleteReport', 'DELETE', id, creator(tenant), { headers: del })).status).toBe(204);
    const replayed = await byId('deleteReport', 'DELETE', id, creator(tenant), { headers: del });
    expect(replayed.status).toBe(204);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect((await byId('deleteReport', 'DELETE', id, creator(tenant))).status).toBe(404);
  });

  it('refuses a malformed Idempotency-Key, naming the header', async () => {
    const tenant = api.tenant();
    for (const bad of ['x'.repeat(256), 'naïve']) {
      const res = await create(creator(tenant), exampleReportRequest, { 'idempotency-key': bad });
      expect(res.status).toBe(400);
      expect(res.json.error.details.field).toBe('Idempotency-Key');
    }
  });

  it('writes an audit event for each mutation, with a bounded diff', async () => {
    const tenant = api.tenant();
    const { json } = await create(creator(tenant));
    const bigTemplate = { body: `<p>${'x'.repeat(10_000)}</p>` };
    await byId('updateReport', 'PUT', json.id, creator(tenant), {
      body: { ...exampleReportRequest, name: 'v2', template: bigTemplate },
    });
    await byId('deleteReport', 'DELETE', json.id, creator(tenant));
    const events = (await api.deps.repos.audit.list(tenant, { entityType: 'report', limit: 10 })).items;
    expect(events.map((e) => [e.action, e.entityId, e.actorId])).toEqual([
      ['report.created', json.id, 'alice'],
      ['report.updated', json.id, 'alice'],
      ['report.deleted', json.id, 'alice'],
    ]);
    expect(events[1]!.diff).toMatchObject({
      name: { from: 'Sales by region', to: 'v2' },
      template: { to: { omitted: true, chars: expect.any(Number), sha256: expect.any(String) } },
    });
    expect(Object.keys(events[1]!.diff!)).toEqual(['name', 'template']);
  });
});
