import { describe, expect, it } from 'vitest';
import { auditEventsToCsv, csvField } from './audit-csv';
import { auditFiltersToApi, matchesAuditClientFilters, parseAuditFilters } from './audit-filters';

const event = {
  id: 'e1',
  tenantId: 'demo',
  actorId: 'ann',
  action: 'report.updated',
  entityType: 'report',
  entityId: 'r1',
  timestamp: '2026-03-01T10:00:00.000Z',
  diff: { name: ['Old, "quoted"', 'New'] },
};

describe('audit CSV export', () => {
  it('quotes commas and quotes, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('writes a header and one CRLF line per event', () => {
    expect(auditEventsToCsv([event, { ...event, id: 'e2', diff: null }])).toBe(
      'timestamp,actorId,action,entityType,entityId,diff\r\n' +
        '2026-03-01T10:00:00.000Z,ann,report.updated,report,r1,"{""name"":[""Old, \\""quoted\\"""",""New""]}"\r\n' +
        '2026-03-01T10:00:00.000Z,ann,report.updated,report,r1,\r\n',
    );
  });
});

describe('audit filters', () => {
  it('sends dates and resource to the API, filters actor and action on the loaded pages', () => {
    const f = parseAuditFilters({ from: '2026-03-01', resource: 'report', actor: 'AN', action: 'upd' });
    expect(auditFiltersToApi(f, 'UTC')).toEqual({
      startDate: '2026-03-01T00:00:00.000Z',
      entityType: 'report',
    });
    expect(matchesAuditClientFilters(event, f)).toBe(true);
    expect(matchesAuditClientFilters({ ...event, actorId: 'bob' }, f)).toBe(false);
    expect(parseAuditFilters({ resource: 'Bad Type' }).resource).toBeUndefined();
  });
});
