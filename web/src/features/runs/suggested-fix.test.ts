import { describe, expect, it } from 'vitest';
import { suggestFix } from './suggested-fix';

describe('suggestFix', () => {
  it("prefers the server's fix, falls back by code, null when nothing is known", () => {
    expect(suggestFix({ code: 'QUERY_FAILED', message: 'm', suggestedFix: 'Fix the SQL' })).toBe(
      'Fix the SQL',
    );
    expect(suggestFix({ code: 'RENDER_TIMEOUT', message: 'm', suggestedFix: null })).toMatch(
      /^Retry the run/,
    );
    expect(suggestFix({ code: 'SOMETHING_NEW', message: 'm', suggestedFix: null })).toBeNull();
  });
});
