import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Column, Row } from '../../ports/data-source';
import { batchedRows } from './row-batches';
import { sheetBackpressure } from './xlsx-backpressure';
import { renderXlsx, type XlsxOptions } from './xlsx-renderer';
import { sheetNameOf } from './xlsx-sheet-name';

function rowsOf(rows: Row[]): AsyncIterable<Row> {
  return (async function* () {
    await Promise.resolve();
    yield* rows;
  })();
}

/** exceljs types its input as its own `Buffer` interface, which Node's Buffer type no longer matches. */
async function loadWorkbook(body: NodeJS.ReadableStream) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await buffer(body)) as unknown as ExcelJS.Buffer);
  return workbook;
}

async function readBack(columns: Column[], rows: AsyncIterable<Row>, options: Partial<XlsxOptions> = {}) {
  const rendered = renderXlsx(columns, rows, { sheetName: 'Sales', timeZone: 'UTC', ...options });
  const workbook = await loadWorkbook(rendered.body);
  return { sheet: workbook.worksheets[0]!, preview: rendered.preview() };
}

const salesColumns: Column[] = [
  { name: 'region', type: 'text' },
  { name: 'amount', type: 'numeric' },
  { name: 'quantity', type: 'integer' },
  { name: 'day', type: 'date' },
  { name: 'at', type: 'timestamptz' },
  { name: 'naive', type: 'timestamp' },
  { name: 'paid', type: 'boolean' },
];

describe('XLSX renderer', () => {
  it('writes typed cells: numbers, dates, booleans, and long numerics as text rather than lose digits', async () => {
    const { sheet } = await readBack(
      salesColumns,
      rowsOf([
        {
          region: 'North',
          amount: '1234.50',
          quantity: 3,
          day: '2025-01-03',
          at: '2025-01-01T02:00:00.000Z',
          naive: '2025-03-01T08:30:00',
          paid: true,
        },
        {
          region: null,
          amount: '12345678901234567890.12',
          quantity: null,
          day: 'soon',
          at: null,
          naive: null,
          paid: false,
        },
      ]),
    );
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe('North');
    expect(row.getCell(2).value).toBe(1234.5);
    expect(row.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(4).value).toEqual(new Date('2025-01-03T00:00:00Z'));
    expect(row.getCell(4).numFmt).toBe('yyyy-mm-dd');
    expect(row.getCell(5).value).toEqual(new Date('2025-01-01T02:00:00Z'));
    expect(row.getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row.getCell(6).value).toEqual(new Date('2025-03-01T08:30:00Z'));
    expect(row.getCell(7).value).toBe(true);
    const odd = sheet.getRow(3);
    expect(odd.getCell(1).value).toBeNull();
    expect(odd.getCell(2).value).toBe('12345678901234567890.12');
    expect(odd.getCell(4).value).toBe('soon');
    expect(odd.getCell(7).value).toBe(false);
    expect(sheet.rowCount).toBe(3);
  });

  it("writes instants as the wall clock of the report's time zone; dates and zone-less timestamps as they read", async () => {
    const { sheet, preview } = await readBack(
      salesColumns,
      rowsOf([
        // Winter (UTC+1) and summer (UTC+2) in Berlin; DuckDB's spelling of an instant too.
        { day: '2025-01-03', at: '2025-01-15T12:00:00Z', naive: '2025-03-01 08:30:00' },
        { day: '2025-07-03', at: '2025-07-15 12:00:00+00', naive: '2025-07-01T08:30:00' },
      ]),
      { timeZone: 'Europe/Berlin' },
    );
    expect(sheet.getRow(2).getCell(5).value).toEqual(new Date('2025-01-15T13:00:00Z'));
    expect(sheet.getRow(3).getCell(5).value).toEqual(new Date('2025-07-15T14:00:00Z'));
    expect(sheet.getRow(2).getCell(4).value).toEqual(new Date('2025-01-03T00:00:00Z'));
    expect(sheet.getRow(2).getCell(6).value).toEqual(new Date('2025-03-01T08:30:00Z'));
    expect(preview.rows[1]).toMatchObject({ day: '2025-07-03', at: '2025-07-15 14:00:00' });
  });

  it('freezes and filters a bold header row, sets column widths, and names the sheet', async () => {
    const { sheet } = await readBack(
      salesColumns,
      rowsOf([{ region: 'A region with a rather long name', amount: 1, day: '2025-01-01' }, { region: 'B' }]),
      { sheetName: 'Q1: sales [EU]?' },
    );
    expect(sheet.name).toBe('Q1 sales EU');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:G3');
    expect(sheet.getRow(1).values).toEqual([undefined, ...salesColumns.map((c) => c.name)]);
    expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    expect(sheet.getColumn(1).width).toBe('A region with a rather long name'.length + 1);
    expect(sheet.getColumn(4).width).toBe(13);
    expect(sheet.getColumn(7).width).toBe(8);
  });

  it('shows the currency columns in the currency of the options', async () => {
    const { sheet } = await readBack(salesColumns, rowsOf([{ amount: 12.5, quantity: 2 }]), {
      currency: { code: 'EUR', columns: ['amount'] },
    });
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('"€"#,##0.00;-"€"#,##0.00');
    expect(sheet.getRow(2).getCell(2).value).toBe(12.5);
    expect(sheet.getRow(2).getCell(3).numFmt).toBeUndefined();
  });

  it('neutralises formula injection in text cells as CSV does, and writes objects as JSON text', async () => {
    const attacks = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', 'safe'];
    const { sheet } = await readBack(
      [
        { name: 'x', type: 'text' },
        { name: 'doc', type: 'jsonb' },
      ],
      rowsOf([...attacks.map((x) => ({ x })), { x: { formula: 'SUM(1)' }, doc: { result: 1 } }]),
    );
    const written = attacks.map((_, i) => sheet.getRow(i + 2).getCell(1).value);
    // XML reads a carriage return back as a line feed.
    expect(written).toEqual(["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", "'\nx", 'safe']);
    expect(sheet.getRow(9).getCell(1).value).toBe('{"formula":"SUM(1)"}');
    expect(sheet.getRow(9).getCell(1).formula).toBeUndefined();
    expect(sheet.getRow(9).getCell(2).value).toBe('{"result":1}');
  });

  it('writes a filtered header for no rows, and keeps the first 100 rows as the preview', async () => {
    const empty = await readBack(salesColumns, rowsOf([]));
    expect(empty.sheet.rowCount).toBe(1);
    expect(empty.sheet.autoFilter).toBe('A1:G1');
    const many = await readBack(
      [{ name: 'n', type: 'integer' }],
      rowsOf(Array.from({ length: 150 }, (_, n) => ({ n }))),
    );
    expect(many.sheet.rowCount).toBe(151);
    expect(many.preview).toMatchObject({ columns: ['n'], truncated: true });
    expect(many.preview.rows).toHaveLength(100);
    expect(many.preview.rows[99]).toEqual({ n: 99 });
  });

  it('stops taking rows while nobody reads the file, and finishes once it is read', async () => {
    let pulled = 0;
    const total = 50_000;
    const rows = batchedRows(async function* () {
      for (let start = 0; start < total; start += 1_000) {
        await Promise.resolve();
        pulled = start;
        yield Array.from({ length: 1_000 }, (_, i) => ({
          n: start + i,
          // Text that hardly compresses: the zip's buffers after deflate hold little of it, so the test
          // sees the writer stop on its own instead of the whole sheet fitting in compressed buffers.
          text: randomBytes(48).toString('base64'),
        }));
      }
      pulled = total;
    });
    const rendered = renderXlsx(
      [
        { name: 'n', type: 'integer' },
        { name: 'text', type: 'text' },
      ],
      rows,
      { sheetName: 'Big', timeZone: 'UTC' },
    );
    // Let the writer run until it stops on its own (waiting for a drain) or has taken every row.
    let seen = -1;
    while (seen !== pulled) {
      seen = pulled;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(pulled).toBeLessThan(total);
    const workbook = await loadWorkbook(rendered.body);
    expect(workbook.worksheets[0]!.rowCount).toBe(total + 1);
  });

  it('finds the exceljs internals its back-pressure relies on', () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ useStyles: true });
    expect(sheetBackpressure(workbook.addWorksheet('x'))).toBeTypeOf('function');
  });
});

describe('sheet names', () => {
  it("follows Excel's rules", () => {
    expect(sheetNameOf('Monthly sales / returns')).toBe('Monthly sales returns');
    expect(sheetNameOf('x'.repeat(40))).toHaveLength(31);
    expect(sheetNameOf("'quoted'")).toBe('quoted');
    expect(sheetNameOf('[]*?')).toBe('Report');
    expect(sheetNameOf('History')).toBe('History report');
  });
});
