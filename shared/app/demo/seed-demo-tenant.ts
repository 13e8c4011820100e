import type { ReportDefinition } from '../../contracts/report';
import type { Repositories } from '../../ports/repositories';
import type { DueIndex } from '../../ports/scheduler-store';
import { AppError } from '../../domain/errors';
import { storeNewSchedule } from '../schedules/store-new-schedule';

export const demoTenantId = 'demo';
export const demoReportId = 'demo-sales-by-region';
export const demoScheduleId = 'demo-every-minute';

/**
 * The demo tenant: one report on the embedded DuckDB sales data, scheduled every minute, so a fresh
 * `npm start` produces a run and an artifact with no manual step. Running it again changes nothing.
 */
export async function seedDemoTenant(deps: {
  repos: Repositories;
  dueIndex: DueIndex;
  clock: () => Date;
}): Promise<void> {
  const now = deps.clock().toISOString();
  const ignoreExisting = (err: unknown) => {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
  };
  await deps.repos.tenants
    .insert(demoTenantId, {
      id: demoTenantId,
      name: 'Demo Company',
      tier: 'standard',
      timezone: 'UTC',
      retentionDays: 30,
      createdAt: now,
    })
    .catch(ignoreExisting);

  const report: ReportDefinition = {
    id: demoReportId,
    tenantId: demoTenantId,
    name: 'Sales by region',
    description: 'Revenue and orders per region over the demo sales table.',
    dataSource: {
      connectionId: 'demo',
      sql: 'select region, round(sum(amount), 2) as revenue, count(*) as orders, sum(quantity) as units from sales where quantity >= $minQuantity group by region order by region',
      parameters: [{ name: 'minQuantity', type: 'integer', required: false, default: 1 }],
    },
    template: {
      body: '<h1>{{ report.name }}</h1><table>{% for r in rows %}<tr><td>{{ r.region }}</td><td>{{ r.revenue }}</td></tr>{% endfor %}</table>',
    },
    outputs: [{ format: 'csv' }],
    active: true,
    createdBy: 'demo-admin',
    createdAt: now,
    updatedAt: now,
  };
  await deps.repos.reports.insert(demoTenantId, report).catch(ignoreExisting);

  if (!(await deps.repos.schedules.get(demoTenantId, demoScheduleId))) {
    await storeNewSchedule(deps, {
      id: demoScheduleId,
      tenantId: demoTenantId,
      reportId: demoReportId,
      name: 'Every minute',
      rule: { kind: 'cron', expression: '* * * * *', timezone: 'UTC' },
      active: true,
      parameters: {},
      createdBy: 'demo-admin',
      createdAt: now,
      updatedAt: now,
    }).catch(ignoreExisting);
  }
}
