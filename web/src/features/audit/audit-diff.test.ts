import { describe, expect, it } from 'vitest';
import { changedFields } from './audit-diff';

describe('changedFields', () => {
  it('names the changed fields, at most a few', () => {
    expect(changedFields(null)).toBe('');
    expect(changedFields({ name: { from: 'a', to: 'b' }, active: {} })).toBe('name, active');
    expect(changedFields(Object.fromEntries('abcdefgh'.split('').map((k) => [k, {}])), 3)).toBe(
      'a, b, c +5 more',
    );
  });
});
