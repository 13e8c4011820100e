import { afterAll, beforeAll } from 'vitest';
import { exampleReportRequest } from '../../../shared/contracts/report-resources';
import { byIdOf, startApiFixture, type ApiFixture, type Caller } from './api-fixture';

let api: ApiFixture;

/** Starts the reports API for the calling test file (call at its top level); the helpers below use it. */
export function useReportsApi(): () => ApiFixture {
  beforeAll(async () => {
    api = await startApiFixture(() => import('../reports.js'));
  });
  afterAll(() => api.close());
  return () => api;
}

export const create = (
  as: Caller,
  body: unknown = exampleReportRequest,
  headers: Record<string, string> = {},
) => api.call('createReport', { method: 'POST', path: '/api/v1/reports', as, body, headers });

export const byId = byIdOf(() => api, 'reports');
