import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleReportRequest } from '../../shared/contracts/report-resources';
import { startApiFixture, admin, type ApiFixture } from './testing/api-fixture';

let api: ApiFixture;
beforeAll(async () => {
  api = await startApiFixture(() =>
    Promise.all([
      import('./reports.js'),
      import('./schedules.js'),
      import('./delivery-targets.js'),
      import('./holiday-calendars.js'),
      import('./event-triggers.js'),
    ]),
  );
});
afterAll(() => api.close());

const post = (name: string, path: string, body: unknown, tenant = api.tenant()) =>
  api.call(name, { method: 'POST', path: `/api/v1/${path}`, as: admin(tenant), body });

const badNames = {
  'a line separator': 'Q4\u2028report',
  'a paragraph separator': 'Q4\u2029report',
  NUL: 'Q4\u0000report',
  'a lone surrogate': 'Q4\ud800report',
  'a line break': 'Q4\nreport',
  'a C1 control': 'Q4\u0085report',
};

describe('names refuse control characters with a 400 naming the field', () => {
  it.each(Object.entries(badNames))('%s', async (_kind, name) => {
    const cases: [string, string, unknown][] = [
      ['createReport', 'reports', { ...exampleReportRequest, name }],
      ['createHolidayCalendar', 'holiday-calendars', { name, dates: [] }],
      ['createDeliveryTarget', 'delivery-targets', { type: 'link', name, config: {} }],
    ];
    for (const [endpoint, path, body] of cases) {
      const res = await post(endpoint, path, body);
      expect(res.status, `${endpoint}: ${res.text}`).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'name' } });
    }
  });
});

describe('text that may hold them keeps them, and nothing answers 500', () => {
  it('a description and a template with U+2028, U+2029 and NUL are stored and read back as sent', async () => {
    const tenant = api.tenant();
    const text = 'line\u2028next\u2029para\nend';
    const body = `<h1>{{ report.name }}</h1>\u2028<p>\u2029</p>\u0000`;
    const res = await post(
      'createReport',
      'reports',
      { ...exampleReportRequest, name: 'Q4 — Ünïcødé 😀', description: text, template: { body } },
      tenant,
    );
    expect(res.status, res.text).toBe(201);
    const id = res.json.id as string;
    const read = await api.call('getReport', {
      path: `/api/v1/reports/${id}`,
      params: { id },
      as: admin(tenant),
    });
    expect(read.json).toMatchObject({ name: 'Q4 — Ünïcødé 😀', description: text, template: { body } });
  });

  it('a schedule subject template with U+2028 is kept', async () => {
    const tenant = api.tenant();
    const report = await post('createReport', 'reports', exampleReportRequest, tenant);
    const subjectTemplate = '{{ reportName }}\u2028{{ executionDate }}';
    const res = await post(
      'createSchedule',
      'schedules',
      {
        reportId: report.json.id,
        cronExpr: '0 9 * * *',
        timezone: 'UTC',
        emailDelivery: { enabled: true, recipients: ['a@example.com'], subjectTemplate },
      },
      tenant,
    );
    expect(res.status, res.text).toBe(201);
    expect(res.json.emailDelivery.subjectTemplate).toBe(subjectTemplate);
  });
});
