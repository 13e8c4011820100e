import { describe, expect, it } from 'vitest';
import { matchesStaticBearer } from './static-bearer';

describe('matchesStaticBearer', () => {
  it('accepts exactly the configured token', () => {
    expect(matchesStaticBearer('Bearer metrics-token-123456', 'metrics-token-123456')).toBe(true);
    expect(matchesStaticBearer('bearer metrics-token-123456', 'metrics-token-123456')).toBe(true);
    expect(matchesStaticBearer('Bearer metrics-token-12345', 'metrics-token-123456')).toBe(false);
    expect(matchesStaticBearer('metrics-token-123456', 'metrics-token-123456')).toBe(false);
    expect(matchesStaticBearer(null, 'metrics-token-123456')).toBe(false);
    expect(matchesStaticBearer('Bearer ', '')).toBe(false);
  });
});
