import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';

describe('backoffDelayMs', () => {
  const backoff = { baseMs: 100, capMs: 1_000 };

  it('doubles from the base after each attempt and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelayMs(backoff, attempt))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it("waits at least as long as the receiver's Retry-After, and never under the floor", () => {
    expect(backoffDelayMs(backoff, 1, 5_000)).toBe(5_000);
    expect(backoffDelayMs({ ...backoff, floorMs: 1_000 }, 1)).toBe(1_000);
    expect(backoffDelayMs({ ...backoff, floorMs: 1_000 }, 1, 2_000)).toBe(2_000);
  });
});
