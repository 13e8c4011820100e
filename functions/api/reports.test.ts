/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call -- assertions walk parsed JSON */
import { describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { admin, creator, viewer } from './testing/api-fixture';
import { useReportsApi, create, byId } from './testing/reports-fixture';

const api = useReportsApi();

describe('reports: create and read', () => {
  it('accepts the example body as is; the server sets id, tenant, owner and timestamps', async () => {
    const tenant = api().tenant();
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

    const list = await api().call('listReports', { path: '/api/v1/reports?limit=1', as: viewer(tenant) });
    expect(list.json).toEqual({ items: [res.json], nextCursor: null });
  });

  it('pages the list with a cursor', async () => {
    const tenant = api().tenant();
    for (let i = 0; i < 3; i++) await create(admin(tenant), { ...exampleReportRequest, name: `R${i}` });
    const first = await api().call('listReports', { path: '/api/v1/reports?limit=2', as: viewer(tenant) });
    expect(first.json.items.map((r: { name: string }) => r.name)).toEqual(['R0', 'R1']);
    const next = await api().call('listReports', {
      path: `/api/v1/reports?limit=2&cursor=${first.json.nextCursor}`,
      as: viewer(tenant),
    });
    expect(next.json.items.map((r: { name: string }) => r.name)).toEqual(['R2']);
    expect(next.json.nextCursor).toBeNull();
  });

  it('refuses unknown fields — the tenant comes from the token only — naming the field', async () => {
    const tenant = api().tenant();
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
    const tenant = api().tenant();
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
    const tenant = api().tenant();
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
    const tenant = api().tenant();
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
    const tenant = api().tenant();
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
