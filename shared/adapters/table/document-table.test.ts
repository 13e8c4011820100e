import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDocumentTable } from './document-table';
import { createTableService } from './table-service';
import { countingTableService } from '../../../bench/sweep/counting-tables';
import type { AppError } from '../../domain/errors';
import { testConnectionString, uniqueName } from '../../../test/support/storage';

const Note = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  body: z.string().default(''),
});
type Note = z.infer<typeof Note>;

function notes() {
  const tables = createTableService({ connectionString: testConnectionString() });
  return createDocumentTable<Note>(tables, {
    tableName: uniqueName('notes'),
    entityName: 'Note',
    schema: Note,
    id: (n) => n.id,
    indexes: { byTitle: (n) => n.title.toLowerCase() },
  });
}

describe('document table on Azurite', () => {
  it('keeps any text as it was given: line and paragraph separators, NUL, lone surrogates, emoji', async () => {
    const table = notes();
    const body = 'a\u2028b\u2029c\u0000d\ud800e\udfff😀\n\u007f';
    await table.insert('t', { id: 'n1', title: 'T', createdAt: '2026-01-01', body });
    expect((await table.get('t', 'n1'))?.doc.body).toBe(body);
    const { etag } = (await table.get('t', 'n1'))!;
    await table.replace('t', { id: 'n1', title: 'T', createdAt: '2026-01-01', body: body + body }, etag);
    expect((await table.list('t', { limit: 10 })).items.map((n) => n.body)).toEqual([body + body]);
  });

  it("keeps tenants apart: one tenant cannot read or list another one's documents", async () => {
    const table = notes();
    await table.insert('tenant-a', { id: 'n1', title: 'Alpha', createdAt: '2026-01-01', body: '' });
    expect(await table.get('tenant-b', 'n1')).toBeUndefined();
    expect((await table.list('tenant-b', { limit: 10 })).items).toEqual([]);
    expect((await table.get('tenant-a', 'n1'))?.doc.title).toBe('Alpha');
  });

  it('refuses a duplicate id with CONFLICT and a stale ETag with PRECONDITION_FAILED', async () => {
    const table = notes();
    const first = await table.insert('t', { id: 'n1', title: 'A', createdAt: '2026-01-01', body: '' });
    await expect(
      table.insert('t', { id: 'n1', title: 'B', createdAt: '2026-01-01', body: '' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const second = await table.replace('t', { ...first.doc, title: 'B' }, first.etag);
    expect(second.etag).not.toBe(first.etag);
    await expect(table.replace('t', { ...first.doc, title: 'C' }, first.etag)).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    await expect(table.remove('t', 'n1', first.etag)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('moves index rows with the document and removes them with it', async () => {
    const table = notes();
    const a = await table.insert('t', { id: 'n1', title: 'Zulu', createdAt: '2026-01-01', body: '' });
    await table.insert('t', { id: 'n2', title: 'Mike', createdAt: '2026-01-01', body: '' });
    const byTitle = async () =>
      (await table.list('t', { index: 'byTitle', limit: 10 })).items.map((n) => n.title);
    expect(await byTitle()).toEqual(['Mike', 'Zulu']);
    await table.replace('t', { ...a.doc, title: 'Alpha' }, a.etag);
    expect(await byTitle()).toEqual(['Alpha', 'Mike']);
    await table.remove('t', 'n1');
    expect(await byTitle()).toEqual(['Mike']);
    expect(await table.get('t', 'n1')).toBeUndefined();
  });

  it('pages with an opaque cursor and stores documents larger than one property', async () => {
    const table = notes();
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 5; i++)
      await table.insert('t', {
        id: `n${i}`,
        title: `T${i}`,
        createdAt: '2026-01-01',
        body: i === 0 ? big : '',
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await table.list('t', { limit: 2, cursor });
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    expect((await table.get('t', 'n0'))?.doc.body).toHaveLength(100_000);
  });
});

describe('document table with batchInserts', () => {
  function batchedNotes() {
    const counter = countingTableService(createTableService({ connectionString: testConnectionString() }));
    const table = createDocumentTable<Note>(counter.tables, {
      tableName: uniqueName('notes'),
      entityName: 'Note',
      schema: Note,
      id: (n) => n.id,
      indexes: { byTitle: (n) => n.title.toLowerCase() },
      batchInserts: true,
    });
    return { table, counter };
  }
  const note = (id: string) => ({ id, title: `T ${id}`, createdAt: '2026-01-01', body: '' });
  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (err: AppError) => err.code,
    );

  it("sends a tenant's inserts that arrive together as one transaction, each tenant its own", async () => {
    const { table, counter } = batchedNotes();
    await table.list('a', { limit: 1 });
    counter.reset();
    await Promise.all([
      ...['1', '2', '3'].map((id) => table.insert('a', note(id))),
      table.insert('b', note('1')),
    ]);
    expect(counter.count.requests).toBe(2);
    expect((await table.list('a', { limit: 10 })).items.map((n) => n.id)).toEqual(['1', '2', '3']);
    expect((await table.list('b', { limit: 10 })).items.map((n) => n.id)).toEqual(['1']);
    expect((await table.get('a', '2'))?.etag).toBeTruthy();
  });

  it('gives a duplicate among them its own CONFLICT, and inserts the others', async () => {
    const { table } = batchedNotes();
    await table.insert('a', note('2'));
    const results = await Promise.all(['1', '2', '3'].map((id) => outcome(table.insert('a', note(id)))));
    expect(results).toEqual(['ok', 'CONFLICT', 'ok']);
    expect((await table.list('a', { limit: 10 })).items.map((n) => n.id)).toEqual(['1', '2', '3']);
  });
});
