import { describe, expect, it } from 'vitest';
import { reportVersionOptions } from './report-version-options';

const versions = [
  { number: 3, createdAt: '2026-12-01T09:00:00.000Z', createdBy: 'alice', restoredFrom: 1 },
  { number: 2, createdAt: '2026-11-20T14:30:00.000Z', createdBy: 'bob' },
];
const utc = { timeZone: 'UTC', locale: 'en-GB' };

describe('reportVersionOptions', () => {
  it('offers Latest first, then each version with its date and author, newest first', () => {
    expect(reportVersionOptions(versions, 'latest', utc)).toEqual([
      { value: 'latest', title: 'Latest (follows changes)' },
      { value: 3, title: 'v3 — 1 Dec 2026, alice (restored v1)' },
      { value: 2, title: 'v2 — 20 Nov 2026, bob' },
    ]);
  });

  it('keeps a pinned version that is not in the list, so the pin is not lost on save', () => {
    const options = reportVersionOptions(versions, 1, utc);
    expect(options.map((o) => o.value)).toEqual(['latest', 3, 2, 1]);
    expect(options.at(-1)?.title).toBe('v1');
  });
});
