import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Role } from '../../shared/contracts/common';

/**
 * The API calls the ops-screen browser tests make to set up and to check what the screens show: a tenant
 * of their own (so the demo tenant's every-minute schedule and the other test files' requests neither
 * show up nor spend this tenant's rate limit), a report on the embedded demo data with PDF and CSV, and a
 * weekday schedule in a non-UTC zone that emails two people (the host's SMTP catcher accepts both).
 */
export interface OpsApi {
  tenant: string;
  call<T>(
    path: string,
    init?: { method?: string; body?: unknown; ifMatch?: string | undefined },
  ): Promise<{ status: number; body: T; headers: Headers }>;
}

export async function opsApi(
  base: string,
  roles: Role[] = ['tenant_admin'],
  tenant = `ops-${randomBytes(4).toString('hex')}`,
): Promise<OpsApi> {
  const res = await fetch(`${base}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: tenant, userId: 'ops-admin', roles }),
  });
  expect(res.status).toBe(200);
  const { accessToken } = (await res.json()) as { accessToken: string };
  return {
    tenant,
    async call<T>(path: string, init: { method?: string; body?: unknown; ifMatch?: string | undefined } = {}) {
      const response = await fetch(`${base}/api/v1/${path}`, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.ifMatch ? { 'if-match': init.ifMatch } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : undefined) as T,
        headers: response.headers,
      };
    },
  };
}

export async function createReportAndSchedule(
  api: OpsApi,
): Promise<{ reportId: string; scheduleId: string }> {
  const report = await api.call<{ id: string }>('reports', {
    method: 'POST',
    body: {
      name: 'Regional sales',
      dataSource: {
        connectionId: 'demo',
        sql: 'select region, round(sum(amount), 2) as revenue, count(*) as orders from sales group by region order by region',
      },
      template: {
        body: '<h1>{{ report.name }}</h1><table>{% for r in rows %}<tr><td>{{ r.region }}</td><td>{{ r.revenue }}</td></tr>{% endfor %}</table>',
      },
      outputs: [{ format: 'pdf' }, { format: 'csv' }],
    },
  });
  expect(report.status).toBe(201);
  const schedule = await api.call<{ id: string }>('schedules', {
    method: 'POST',
    body: {
      reportId: report.body.id,
      name: 'Weekdays 08:00 Berlin',
      cronExpr: '0 8 * * 1-5',
      timezone: 'Europe/Berlin',
      emailDelivery: { enabled: true, recipients: ['ann@example.com', 'bob@example.com'] },
    },
  });
  expect(schedule.status).toBe(201);
  return { reportId: report.body.id, scheduleId: schedule.body.id };
}
