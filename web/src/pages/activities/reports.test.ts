import { describe, expect, it } from 'vitest';
import { reportBody, reportDownloadPath } from './reports';

describe('reports', () => {
  it('sends the narrative only when written', () => {
    expect(reportBody({ kind: 'annual', period_from: '2026-09-01', period_to: '2027-06-30', narrative: ' ' })).toEqual({ kind: 'annual', period_from: '2026-09-01', period_to: '2027-06-30' });
    expect(reportBody({ kind: 'semi_annual', period_from: '2026-09-01', period_to: '2026-12-31', narrative: ' Талдау ' }).narrative).toBe('Талдау');
  });
  it('builds the download paths with the language', () => {
    expect(reportDownloadPath(4, 'pdf', 'kk')).toBe('/api/v1/reports/4/report.pdf?lang=kk');
    expect(reportDownloadPath('4', 'xlsx', 'ru')).toBe('/api/v1/reports/4/report.xlsx?lang=ru');
  });
});
