import { describe, expect, it } from 'vitest';
import { anyRunning } from './use-tenant-exports';

describe('polling the exports', () => {
  it('polls while any export runs, and stops once none does', () => {
    expect(anyRunning(undefined)).toBe(false);
    expect(anyRunning([{ status: 'succeeded' }, { status: 'failed' }])).toBe(false);
    expect(anyRunning([{ status: 'succeeded' }, { status: 'running' }])).toBe(true);
  });
});
