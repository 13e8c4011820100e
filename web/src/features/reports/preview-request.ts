/**
 * What the live preview sends and how its errors are shown: pure functions, tested without mounting.
 */
import type { OutputFormat } from '../../../../shared/contracts/report';
import type { ReportPreviewRequest } from '../../../../shared/contracts/report-preview';
import { ApiError } from '../../api/api-error';
import { toReportRequest, type ReportForm } from './report-form';

/** Rows the editor's preview asks for: enough to see the layout, quick to render while typing. */
export const EDITOR_PREVIEW_ROWS = 50;

/** The preview body for the form as it stands; a report not yet named is previewed as "Untitled report". */
export function previewRequestOf(
  form: ReportForm,
  format: OutputFormat,
  scheduleId: string | null,
): ReportPreviewRequest {
  const report = toReportRequest({ ...form, name: form.name.trim() || 'Untitled report' });
  return {
    report: report as ReportPreviewRequest['report'],
    format,
    rowLimit: EDITOR_PREVIEW_ROWS,
    ...(scheduleId ? { scheduleId } : {}),
  };
}

const fieldLabels: Record<string, string> = {
  'template.body': 'Template',
  'template.header': 'PDF header',
  'template.footer': 'PDF footer',
  'dataSource.sql': 'SQL',
  emailTemplate: 'Email template',
  transforms: 'Transforms',
};

/** A problem the preview found, placed: which text, which line and column, and that line with a caret. */
export interface PreviewProblem {
  field: string;
  where: string;
  message: string;
  line?: number;
  column?: number;
  excerpt?: { text: string; caret: string };
}

function textOf(form: ReportForm, field: string): string | undefined {
  if (field === 'dataSource.sql') return form.dataSource.sql;
  if (field.startsWith('template.')) return form.template[field.slice(9) as keyof ReportForm['template']];
  return undefined;
}

/** The line a problem points at, with a caret under its column (tabs kept so the caret lines up). */
export function excerptAt(
  text: string,
  line: number,
  column: number,
): { text: string; caret: string } | undefined {
  const shown = text.split('\n')[line - 1];
  if (shown === undefined) return undefined;
  const before = shown.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
  return { text: shown, caret: `${before}^` };
}

/** The 400's field problems (`details.issues`), placed in the form's text; other errors give none. */
export function previewProblems(error: unknown, form: ReportForm): PreviewProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_ERROR') return [];
  const issues = Array.isArray(error.details.issues)
    ? (error.details.issues as Record<string, unknown>[])
    : [];
  return issues.map((issue) => {
    const field = typeof issue.field === 'string' ? issue.field : '';
    const line = typeof issue.line === 'number' ? issue.line : undefined;
    const column = typeof issue.column === 'number' ? issue.column : undefined;
    const text = textOf(form, field);
    const excerpt = text !== undefined && line !== undefined ? excerptAt(text, line, column ?? 1) : undefined;
    const label = fieldLabels[field] ?? field;
    return {
      field,
      where: line === undefined ? label : `${label}, line ${line}${column ? `, column ${column}` : ''}`,
      message: typeof issue.message === 'string' ? issue.message : error.message,
      ...(line === undefined ? {} : { line }),
      ...(column === undefined ? {} : { column }),
      ...(excerpt ? { excerpt } : {}),
    };
  });
}
