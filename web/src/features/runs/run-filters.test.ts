import { describe, expect, it } from 'vitest';
import { aRun } from './run-fixtures';
import { matchesClientFilters, parseRunFilters, runFiltersToApi, runFiltersToQuery } from './run-filters';

describe('run filters in the URL', () => {
  it('round-trips through the query string and drops what is unset', () => {
    const filters = { reportId: 'rep-1', status: 'failed' as const, from: '2026-03-01' };
    const query = runFiltersToQuery(filters);
    expect(query).toEqual({ reportId: 'rep-1', status: 'failed', from: '2026-03-01' });
    expect(parseRunFilters(query)).toEqual({ ...filters, scheduleId: undefined, to: undefined });
  });

  it('ignores a hand-edited status or date that is not valid', () => {
    expect(parseRunFilters({ status: 'exploded', from: '2026-13-45', to: ['2026-03-02'] })).toEqual({
      reportId: undefined,
      scheduleId: undefined,
      status: undefined,
      from: undefined,
      to: '2026-03-02',
    });
  });

  it('sends only report and status to the API', () => {
    expect(
      runFiltersToApi({ reportId: 'r', scheduleId: 's', status: 'running', from: '2026-01-01' }),
    ).toEqual({
      reportId: 'r',
      status: 'running',
    });
  });

  it('matches schedule and the date range in the viewer zone', () => {
    const run = aRun({ scheduleId: 's1', createdAt: '2026-03-01T23:30:00Z' });
    expect(matchesClientFilters(run, { scheduleId: 's2' }, 'UTC')).toBe(false);
    expect(matchesClientFilters(run, { from: '2026-03-02' }, 'UTC')).toBe(false);
    expect(matchesClientFilters(run, { from: '2026-03-02' }, 'Europe/Berlin')).toBe(true);
    expect(matchesClientFilters(run, { scheduleId: 's1', to: '2026-03-01' }, 'UTC')).toBe(true);
  });
});
