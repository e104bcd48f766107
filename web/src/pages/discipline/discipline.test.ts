import { describe, expect, it } from 'vitest';
import { escalationText, evidenceFileProblem, evidenceUploadPath, explanationText, isDisciplineOrderCode, kindName, penaltyStateText, windowDays } from './discipline';

describe('DISC-ESC-1: the escalation arithmetic', () => {
  it('counts the window with both ends, as the server does (183 days back to the day after)', () => {
    expect(windowDays('2026-06-06', '2026-12-05')).toBe(183);
    expect(windowDays('2026-12-05', '2026-12-05')).toBe(1);
    expect(windowDays('not a date', '2026-12-05')).toBeNull();
  });

  it('shows the count, the window and the climb of a repeated minor infraction', () => {
    const part = { base_tier: 'minor', tier: 'major', earlier_same_kind: 1, window_from: '2026-06-06' };
    expect(escalationText(part, '2026-12-05', 'en')).toBe('2nd in 183 days since Jun 6, 2026: Minor → Major');
    expect(escalationText(part, '2026-12-05', 'ru')).toContain('2-й раз за 183 дн.');
    expect(escalationText(part, '2026-12-05', 'kk')).toMatch(/^06\.06\.2026 бастап 183 күн ішінде 2-рет: .+ → .+$/);
  });

  it('uses English ordinals past the teens', () => {
    const base = { base_tier: 'major', tier: 'expulsion', window_from: '2026-06-06' };
    expect(escalationText({ ...base, earlier_same_kind: 2 }, '2026-12-05', 'en')).toMatch(/^3rd in/);
    expect(escalationText({ ...base, earlier_same_kind: 10 }, '2026-12-05', 'en')).toMatch(/^11th in/);
    expect(escalationText({ ...base, earlier_same_kind: 20 }, '2026-12-05', 'en')).toMatch(/^21st in/);
  });

  it('names only the tier for the first of its kind in the window', () => {
    expect(escalationText({ base_tier: 'minor', tier: 'minor', earlier_same_kind: 0, window_from: '2026-06-06' }, '2026-12-05', 'en')).toBe('The first of its kind in 183 days: Minor');
  });
});

describe('DISC-PEN-6: a penalty in the record', () => {
  it('says until when it is in force, that it lapsed, or that it was withdrawn', () => {
    expect(penaltyStateText({ in_force: true, lapses_on: '2027-06-05', withdrawn_on: null }, 'en')).toBe('in force until Jun 5, 2027');
    expect(penaltyStateText({ in_force: true, lapses_on: '2027-06-05', withdrawn_on: null }, 'kk')).toContain('05.06.2027');
    expect(penaltyStateText({ in_force: false, lapses_on: null, withdrawn_on: null }, 'en')).toBe('lapsed');
    expect(penaltyStateText({ in_force: false, lapses_on: null, withdrawn_on: '2027-01-10' }, 'en')).toBe('withdrawn early Jan 10, 2027');
  });
});

describe('the case file', () => {
  it('DISC-CASE-2: shows the deadline while the explanation is awaited or overdue', () => {
    expect(explanationText({ explanation: 'awaited', explanation_due_at: '2026-12-06T10:00:00+05:00' }, 'en')).toContain('due by');
    expect(explanationText({ explanation: 'received', explanation_due_at: '2026-12-06T10:00:00+05:00' }, 'en')).toBe('The written explanation has been received.');
    expect(explanationText({ explanation: 'overdue', explanation_due_at: '2026-12-06T10:00:00+05:00' }, 'kk')).toContain('өтті');
  });

  it('DISC-CASE-4: accepts PDF, JPEG and PNG up to 5 MB, and names them in the upload', () => {
    expect(evidenceFileProblem({ type: 'image/jpeg', size: 1000 })).toBeNull();
    expect(evidenceFileProblem({ type: 'image/heic', size: 1000 })).toBe('type');
    expect(evidenceFileProblem({ type: 'application/pdf', size: 6 * 1024 * 1024 })).toBe('size');
    expect(evidenceUploadPath(7, 'explanation_student', 'Менің түсініктемем', 'scan.jpg')).toBe(
      '/api/v1/discipline/cases/7/evidence-files?kind=explanation_student&description=%D0%9C%D0%B5%D0%BD%D1%96%D2%A3+%D1%82%D2%AF%D1%81%D1%96%D0%BD%D1%96%D0%BA%D1%82%D0%B5%D0%BC%D0%B5%D0%BC&name=scan.jpg',
    );
  });

  it('names a kind from the catalogue, else from the shared catalog, else by its code', () => {
    expect(kindName('en', 'own_kind', [{ code: 'own_kind', tier: 'minor', name: 'Own kind', preset: false, effective_from: '2026-09-01' }])).toBe('Own kind');
    expect(kindName('en', 'no_such_kind')).toBe('no_such_kind');
  });

  it('tells an order code ("y") from a protocol code ("z")', () => {
    expect(isDisciplineOrderCode('12y0a1b2c3d4e5f6a7b8c9d0e1f')).toBe(true);
    expect(isDisciplineOrderCode('12z0a1b2c3d4e5f6')).toBe(false);
  });
});

describe('the analysis period', () => {
  it('starts on September 1 of the academic year the day belongs to (GEN-2)', async () => {
    const { academicYearStart } = await import('./StatisticsTab');
    expect(academicYearStart('2026-12-06')).toBe('2026-09-01');
    expect(academicYearStart('2027-05-31')).toBe('2026-09-01');
    expect(academicYearStart('2026-09-01')).toBe('2026-09-01');
    expect(academicYearStart('2026-08-31')).toBe('2025-09-01');
  });
});
