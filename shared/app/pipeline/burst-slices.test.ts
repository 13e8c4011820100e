import { describe, expect, it } from 'vitest';
import {
  burstColumn,
  createColumnSplitter,
  parameterSlices,
  sliceKeyOf,
  stagedSliceBlob,
} from './burst-slices';
import { renderRequests } from './render-requests';

describe('burst slices', () => {
  it('groups rows by their trimmed, lower-cased address; counts rows without one and addresses outside the domains', () => {
    const split = createColumnSplitter(
      { mode: 'column', column: 'to', allowedDomains: ['example.com'] },
      'to',
      10,
    );
    split.add([
      { to: ' Ana@Example.com' },
      { to: 'ana@example.com' },
      { to: 'x' },
      { to: null },
      { to: 'e@else.test' },
    ]);
    split.add([{ to: 'bo@example.com' }, { to: 'e@else.test' }, { to: 'f@else.test' }]);
    expect(split.slices().map((s) => [s.label, s.rows.length])).toEqual([
      ['ana@example.com', 2],
      ['bo@example.com', 1],
    ]);
    expect(split.counts()).toEqual({ unassignedRows: 2, outsideDomains: 2 });
    expect(split.slices()[0]!.key).toBe(sliceKeyOf('ana@example.com'));
    expect(split.slices()[0]!.key).toMatch(/^[0-9a-f]{24}$/);
  });

  it('refuses one slice more than the cap as soon as it appears', () => {
    const split = createColumnSplitter({ mode: 'column', column: 'to' }, 'to', 1);
    split.add([{ to: 'a@example.com' }, { to: 'a@example.com' }]);
    expect(() => split.add([{ to: 'b@example.com' }])).toThrow(
      expect.objectContaining({ code: 'BURST_TOO_MANY_SLICES' }),
    );
  });

  it('finds the column exactly, else ignoring case, else names the columns there are', () => {
    const columns = [
      { name: 'Manager_Email', type: 'text' },
      { name: 'n', type: 'int' },
    ];
    expect(burstColumn(columns, 'manager_email')).toBe('Manager_Email');
    expect(() => burstColumn(columns, 'boss')).toThrow(
      expect.objectContaining({ code: 'BURST_COLUMN_MISSING' }),
    );
  });

  it('makes one slice per distinct parameter set, whatever the key order, with the union of its recipients', () => {
    const slices = parameterSlices(
      {
        mode: 'parameters',
        recipients: [
          { to: ['A@example.com'], parameters: { region: 'EU', year: 2026 } },
          { to: ['b@example.com', 'a@example.com'], parameters: { year: 2026, region: 'EU' } },
          { to: ['c@example.com'], parameters: { region: 'US', year: 2026 } },
        ],
      },
      10,
    );
    expect(slices.map((s) => [s.label, s.recipients])).toEqual([
      ['region=EU, year=2026', ['a@example.com', 'b@example.com']],
      ['region=US, year=2026', ['c@example.com']],
    ]);
  });

  it('renders each format of each slice from the slice’s own blob, or each format of the whole extract', () => {
    const ref = { tenantId: 't1', runId: 'r1' };
    const whole = renderRequests(ref, ['csv', 'pdf'], {
      stagedBlob: 'tenants/t1/runs/r1/extract.ndjson',
      rowCount: 9,
    });
    expect(whole.map((r) => [r.request.format, r.request.sliceKey, r.rowCount])).toEqual([
      ['csv', undefined, 9],
      ['pdf', undefined, 9],
    ]);
    const key = sliceKeyOf('a@example.com');
    const sliced = renderRequests(ref, ['csv'], {
      stagedBlob: 'x',
      rowCount: 9,
      slices: [{ key, rowCount: 4 }],
    });
    expect(sliced).toEqual([
      {
        request: { ...ref, format: 'csv', stagedBlob: stagedSliceBlob('t1', 'r1', key), sliceKey: key },
        rowCount: 4,
      },
    ]);
  });
});
