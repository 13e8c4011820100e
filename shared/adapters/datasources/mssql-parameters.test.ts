import { describe, expect, it } from 'vitest';
import { toMssqlInputs } from './mssql-parameters';
import { createRowBatchQueue } from './row-batch-queue';

// The SQL Server adapter itself cannot run here (no SQL Server on this machine): these cover what does not need one.
describe('SQL Server parameters', () => {
  it('binds each @name with a type chosen from its value', () => {
    expect(
      toMssqlInputs({
        region: 'North',
        n: 42,
        ratio: 0.5,
        huge: 2 ** 60,
        on: false,
        none: null,
        from: '2025-01-31',
      }),
    ).toEqual([
      { name: 'region', type: 'NVarChar', value: 'North' },
      { name: 'n', type: 'BigInt', value: 42 },
      { name: 'ratio', type: 'Float', value: 0.5 },
      { name: 'huge', type: 'Float', value: 2 ** 60 },
      { name: 'on', type: 'Bit', value: false },
      { name: 'none', type: 'NVarChar', value: null },
      { name: 'from', type: 'NVarChar', value: '2025-01-31' },
    ]);
  });

  it('keeps an injection string a value and refuses names that are not identifiers', () => {
    expect(toMssqlInputs({ q: "'; drop table x; --" })).toEqual([
      { name: 'q', type: 'NVarChar', value: "'; drop table x; --" },
    ]);
    for (const bad of ['a b', 'x;drop', '1a', '@a', ''])
      expect(() => toMssqlInputs({ [bad]: 1 })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_ERROR' }),
      );
    expect(() => toMssqlInputs({ n: Number.NaN })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR' }),
    );
  });
});

describe('row batch queue (the SQL Server adapter streams rows through it)', () => {
  it('batches rows, pauses the producer when full and resumes it as batches are read', async () => {
    const events: string[] = [];
    const queue = createRowBatchQueue({
      batchSize: 2,
      highWater: 2,
      pause: () => events.push('pause'),
      resume: () => events.push('resume'),
      onStop: () => events.push('stop'),
    });
    for (let i = 0; i < 5; i++) queue.push({ i });
    queue.end();
    expect(events).toEqual(['pause']);
    const batches = [];
    for await (const batch of queue.batches()) batches.push(batch.map((r) => r.i));
    expect(batches).toEqual([[0, 1], [2, 3], [4]]);
    expect(events).toEqual(['pause', 'resume']);
  });

  it('hands a failure to the reader, and tells the producer when the reader stops early', async () => {
    const failing = createRowBatchQueue({
      batchSize: 1,
      pause: () => undefined,
      resume: () => undefined,
      onStop: () => undefined,
    });
    failing.push({ a: 1 });
    setTimeout(() => failing.fail(new Error('boom')), 5);
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const b of failing.batches()) seen.push(b);
      })(),
    ).rejects.toThrow('boom');
    expect(seen).toEqual([[{ a: 1 }]]);

    let stopped = 0;
    const early = createRowBatchQueue({
      batchSize: 1,
      pause: () => undefined,
      resume: () => undefined,
      onStop: () => stopped++,
    });
    early.push({ a: 1 });
    early.push({ a: 2 });
    for await (const _ of early.batches()) break;
    expect(stopped).toBe(1);
  });
});
