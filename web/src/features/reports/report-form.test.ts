import { describe, expect, it } from 'vitest';
import { ReportRequest } from '../../../../shared/contracts/report-resources';
import { emptyReportForm, toggleFormat, toReportRequest, withXlsxCurrency } from './report-form';

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

  it('adds Excel last and sets its currency only when both code and columns are given', () => {
    const outputs = toggleFormat([{ format: 'pdf' }], 'xlsx', true);
    expect(outputs).toEqual([{ format: 'pdf' }, { format: 'xlsx' }]);
    const priced = withXlsxCurrency(outputs, 'eur', ' amount, total ,');
    expect(priced[1]).toEqual({
      format: 'xlsx',
      options: { currency: { code: 'EUR', columns: ['amount', 'total'] } },
    });
    const form = { ...emptyReportForm(), name: 'Sales', outputs: priced };
    expect(ReportRequest.safeParse(toReportRequest(form)).success).toBe(true);
    expect(withXlsxCurrency(priced, 'EUR', ' ')[1]).toEqual({ format: 'xlsx' });
  });
});
