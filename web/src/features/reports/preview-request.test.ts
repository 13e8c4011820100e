import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { excerptAt, previewProblems, previewRequestOf, EDITOR_PREVIEW_ROWS } from './preview-request';
import { emptyReportForm } from './report-form';

describe('previewRequestOf', () => {
  it('sends the unsaved definition with the chosen format, the editor row cap and the schedule', () => {
    const form = { ...emptyReportForm(), name: '  ' };
    const body = previewRequestOf(form, 'csv', 'sch-1');
    expect(body).toMatchObject({ format: 'csv', rowLimit: EDITOR_PREVIEW_ROWS, scheduleId: 'sch-1' });
    expect(body.report.name).toBe('Untitled report');
    expect(previewRequestOf(form, 'pdf', null)).not.toHaveProperty('scheduleId');
  });
});

describe('previewProblems', () => {
  const form = {
    ...emptyReportForm(),
    template: { body: '<h1>x</h1>\n\t<p>{{ rows | nope }}</p>', header: '', footer: '' },
  };

  it('places a template error at its line with a caret under the column', () => {
    const error = new ApiError(
      400,
      'VALIDATION_ERROR',
      'Invalid body',
      {
        issues: [{ field: 'template.body', message: 'undefined filter: nope', line: 2, column: 5 }],
      },
      'req-1',
    );
    expect(previewProblems(error, form)).toEqual([
      {
        field: 'template.body',
        where: 'Template, line 2, column 5',
        message: 'undefined filter: nope',
        line: 2,
        column: 5,
        excerpt: { text: '\t<p>{{ rows | nope }}</p>', caret: '\t   ^' },
      },
    ]);
  });

  it('gives nothing for errors that are not field problems', () => {
    expect(previewProblems(new ApiError(429, 'RATE_LIMITED', 'slow down', {}, null), form)).toEqual([]);
    expect(previewProblems(new Error('boom'), form)).toEqual([]);
  });

  it('excerptAt is undefined past the last line', () => {
    expect(excerptAt('one line', 3, 1)).toBeUndefined();
  });
});
