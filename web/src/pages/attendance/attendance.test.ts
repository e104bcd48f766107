import { describe, expect, it } from 'vitest';
import { academicYearOf, allPresent, countMarks, daysInclusive, familyDaysLeft, isDirty, markRequest, nextMark, rollFrom, tap, type Journal } from './attendance';

const journal = (statuses: (string | null)[], marked = true): Journal => ({
  group: { id: 1, name: '7А' },
  date: '2026-12-01',
  lesson: 0,
  by_lesson: false,
  academic_year: '2026-2027',
  term: null,
  marked,
  today: '2026-12-05',
  proposals: [],
  students: statuses.map((status, i) => ({ person_id: 100 + i, name: `S${i}`, status: status as never, late_minutes: null, reason: null, term_late: 0, term_unjustified: 0 })),
});

describe('marking a class in a few taps', () => {
  it('starts an unmarked day with everyone present', () => {
    const roll = rollFrom(journal([null, null, null], false));
    expect(countMarks(roll)).toEqual({ present: 3, late: 0, absent: 0 });
  });

  it('cycles present, absent, late on each tap', () => {
    expect(nextMark('present')).toBe('absent');
    expect(nextMark('absent')).toBe('late');
    expect(nextMark('late')).toBe('present');
    let roll = rollFrom(journal([null, null], false));
    roll = tap(roll, '100');
    roll = tap(tap(roll, '101'), '101');
    expect(roll['100'].mark).toBe('absent');
    expect(roll['101'].mark).toBe('late');
  });

  it('sends one request with only the exceptions, late minutes when valid', () => {
    let roll = rollFrom(journal([null, null, null], false));
    roll = tap(roll, '100');
    roll = tap(tap(roll, '102'), '102');
    roll['102'].minutes = '7';
    expect(markRequest(roll, '2026-12-01', null)).toEqual({
      date: '2026-12-01', default: 'present',
      exceptions: [{ person_id: 100, status: 'absent' }, { person_id: 102, status: 'late', late_minutes: 7 }],
    });
    roll['102'].minutes = 'x';
    expect(markRequest(roll, '2026-12-01', 3).exceptions[1]).toEqual({ person_id: 102, status: 'late' });
    expect(markRequest(roll, '2026-12-01', 3).lesson).toBe(3);
  });

  it('"all present" clears every exception; a saved day is dirty only when changed', () => {
    const j = journal(['present', 'absent']);
    const roll = rollFrom(j);
    expect(isDirty(roll, j)).toBe(false);
    expect(countMarks(allPresent(roll))).toEqual({ present: 2, late: 0, absent: 0 });
    expect(isDirty(allPresent(roll), j)).toBe(true);
    expect(isDirty(roll, journal([null, null], false))).toBe(true);
  });
});

describe('ATT-1 and GEN-2 arithmetic', () => {
  it('counts family days inclusively and what is left of the 10', () => {
    expect(daysInclusive('2026-12-01', '2026-12-01')).toBe(1);
    expect(daysInclusive('2026-12-30', '2027-01-02')).toBe(4);
    expect(daysInclusive('2026-12-02', '2026-12-01')).toBe(0);
    expect(familyDaysLeft(9, 10)).toBe(1);
    expect(familyDaysLeft(12, 10)).toBe(0);
  });

  it('finds the academic year of a date', () => {
    expect(academicYearOf('2026-09-01')).toBe('2026-2027');
    expect(academicYearOf('2026-08-31')).toBe('2025-2026');
  });
});
