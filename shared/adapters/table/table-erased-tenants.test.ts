import { describe, expect, it } from 'vitest';
import { countedTestTables } from '../../../test/support/storage';
import { createTableErasedTenants } from './table-tenant-erasure';

const clock = () => new Date();

describe('erased tenants (consumers ask for every message)', () => {
  it('answers many messages from one read, and knows a mark made by its own process at once', async () => {
    const { tables, count } = countedTestTables('erased');
    const erased = createTableErasedTenants(tables, clock, 60_000);
    const tenants = Array.from({ length: 50 }, (_, i) => `tenant-${i}`);
    const before = count.requests;
    const answers = await Promise.all(tenants.map((t) => erased.isErased(t)));
    expect(answers.every((a) => a === false)).toBe(true);
    const reads = count.requests - before;
    expect(reads).toBeLessThanOrEqual(2); // the table's creation and one query, not 50 reads
    await erased.mark('tenant-7');
    expect(await erased.isErased('tenant-7')).toBe(true);
    expect(await erased.isErased('tenant-8')).toBe(false);
  });

  it('another process sees the mark once its snapshot is older than staleForMs, which the erase waits out', async () => {
    const { tables } = countedTestTables('erased');
    const eraser = createTableErasedTenants(tables, clock, 300);
    const consumer = createTableErasedTenants(tables, clock, 300);
    expect(await consumer.isErased('gone')).toBe(false);
    await eraser.mark('gone');
    await new Promise((resolve) => setTimeout(resolve, consumer.staleForMs));
    expect(await consumer.isErased('gone')).toBe(true);
    expect(await consumer.isErased('kept')).toBe(false);
  });
});
