import { describe, expect, it } from 'vitest';
import { collectRows } from './collect-rows';

async function* rows(n: number) {
  for (let i = 0; i < n; i++) yield await Promise.resolve({ i });
}

describe('collectRows', () => {
  it('reads every row up to the limit', async () => {
    expect(await collectRows(rows(3), 3)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  });

  it('fails with TEMPLATE_LIMIT past the limit', async () => {
    await expect(collectRows(rows(4), 3)).rejects.toMatchObject({
      code: 'TEMPLATE_LIMIT',
      retryable: false,
      details: { limit: 'rows', maxRows: 3 },
    });
  });
});
