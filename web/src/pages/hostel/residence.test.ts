import { describe, expect, it } from 'vitest';
import { academicYearOf, earliestLeave, nextMeasure, visitingOpen } from './residence';

describe('hostel residence rules as the pages show them', () => {
  it('HST-VIOL-2: two reprimands, then eviction, within one academic year', () => {
    expect(nextMeasure([], '2026-10-01')).toEqual({ ordinal: 1, measure: 'reprimand' });
    expect(nextMeasure(['2026-09-10'], '2026-10-01')).toEqual({ ordinal: 2, measure: 'reprimand' });
    expect(nextMeasure(['2026-09-10', '2026-09-20'], '2026-10-01')).toEqual({ ordinal: 3, measure: 'eviction' });
    // The year boundary: August 31 belongs to the year before.
    expect(nextMeasure(['2026-05-10', '2026-08-31'], '2026-09-01')).toEqual({ ordinal: 1, measure: 'reprimand' });
    expect(academicYearOf('2026-08-31')).toBe('2025-2026');
  });

  it('HST-VIS-1: Friday to Sunday from 10:00 until 20:00', () => {
    expect(visitingOpen('2026-12-04', '10:00')).toBe(true);
    expect(visitingOpen('2026-12-04', '09:59')).toBe(false);
    expect(visitingOpen('2026-12-06', '19:59')).toBe(true);
    expect(visitingOpen('2026-12-06', '20:00')).toBe(false);
    expect(visitingOpen('2026-12-03', '12:00')).toBe(false);
  });

  it('HST-LV-1: a leave starts at least two days after the application', () => {
    expect(earliestLeave('2026-12-30')).toBe('2027-01-01');
  });
});
