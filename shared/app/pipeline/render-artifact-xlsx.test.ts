import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestRunDeps, demoReport, stagedRun } from '../../../test/support/run-deps';
import { deleteExpiredArtifacts } from '../artifacts/delete-expired-artifacts';
import { previewArtifact } from '../artifacts/preview-artifact';
import { renderArtifact } from './render-artifact';

// Real Azurite and DuckDB; the workbook is read back with exceljs.
describe('renderArtifact: XLSX', () => {
  it('stores a typed workbook, its first rows beside it for the preview, and retention deletes both', async () => {
    const clock = { now: new Date('2026-11-01T10:00:00Z') };
    const deps = { ...createTestRunDeps({ demoRows: 500 }), clock: () => clock.now };
    await deps.repos.tenants.insert('acme', {
      id: 'acme',
      name: 'Acme',
      tier: 'standard',
      timezone: 'America/New_York',
      retentionDays: 7,
      createdAt: clock.now.toISOString(),
    });
    const report = demoReport('acme', {
      name: 'Sales: by day',
      dataSource: {
        connectionId: 'demo',
        sql: "select day, region, amount, quantity, timestamptz '2026-07-01 12:00:00+00' as loaded_at, '=HYPERLINK(\"x\")' as note from sales order by day, region, amount",
        parameters: [],
      },
      outputs: [{ format: 'xlsx', options: { currency: { code: 'USD', columns: ['amount'] } } }],
    });
    const { ref, stagedBlob } = await stagedRun(deps, 'acme', report);
    const rendered = await renderArtifact(deps, { ...ref, format: 'xlsx', stagedBlob });
    if (!rendered.ok) throw new Error(rendered.error.message);

    const artifact = (await deps.repos.artifacts.get('acme', rendered.artifactId))!.doc;
    expect(artifact.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(artifact.fileName).toMatch(/^sales-by-day-.*\.xlsx$/);
    expect(artifact.previewBlobName).toBe(`${artifact.blobName}.preview.json`);
    const run = (await deps.repos.runs.get('acme', ref.runId))!.doc;
    expect(run.steps.find((s) => s.name === 'render:xlsx')).toMatchObject({ status: 'succeeded' });

    const workbook = new ExcelJS.Workbook();
    const bytes = await buffer(await deps.blobs.openRead('acme', artifact.blobName));
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Sales by day');
    expect(sheet.rowCount).toBe(501);
    expect(sheet.autoFilter).toBe('A1:F501');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toEqual(new Date('2025-01-01T00:00:00Z'));
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(3).numFmt).toBe('"$"#,##0.00;-"$"#,##0.00');
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    // 12:00 UTC in July is 08:00 in New York.
    expect(first.getCell(5).value).toEqual(new Date('2026-07-01T08:00:00Z'));
    expect(first.getCell(6).value).toBe('\'=HYPERLINK("x")');

    const preview = await previewArtifact(deps, 'acme', artifact.id);
    expect(preview.kind).toBe('rows');
    if (preview.kind !== 'rows') return;
    expect(preview.body.columns).toEqual(['day', 'region', 'amount', 'quantity', 'loaded_at', 'note']);
    expect(preview.body.rows).toHaveLength(100);
    expect(preview.body.truncated).toBe(true);
    expect(preview.body.rows[0]).toMatchObject({ day: '2025-01-01', loaded_at: '2026-07-01 08:00:00' });
    await expect(previewArtifact(deps, 'other', artifact.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    clock.now = new Date('2026-11-08T10:00:01Z');
    expect(await deleteExpiredArtifacts(deps)).toEqual({ deleted: 1 });
    await expect(deps.blobs.openRead('acme', artifact.previewBlobName!)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
