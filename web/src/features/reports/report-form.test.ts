import { describe, expect, it } from 'vitest';
import { ReportRequest } from '../../../../shared/contracts/report-resources';
import { emptyReportForm, toggleFormat, toReportRequest } from './report-form';

describe('report form → ReportRequest', () => {
  it('a new report is a valid request', () => {
    const form = { ...emptyReportForm(), name: 'Sales' };
    expect(ReportRequest.safeParse(toReportRequest(form)).success).toBe(true);
  });

  it('drops empty optional texts and empty parameter defaults', () => {
    const form = emptyReportForm();
    form.name = 'Sales';
    form.dataSource.parameters = [{ name: 'region', type: 'string', required: false, default: '' }];
    const body = toReportRequest(form);
    expect(body).not.toHaveProperty('description');
    expect(body.template).toEqual({ body: form.template.body });
    expect(body.dataSource.parameters).toEqual([{ name: 'region', type: 'string', required: false }]);
  });

  it('keeps formats in order with their options', () => {
    const outputs = toggleFormat([{ format: 'pdf', options: { pageSize: 'A3' } }], 'csv', true);
    expect(outputs).toEqual([{ format: 'csv' }, { format: 'pdf', options: { pageSize: 'A3' } }]);
    expect(toggleFormat(outputs, 'pdf', false)).toEqual([{ format: 'csv' }]);
  });
});
