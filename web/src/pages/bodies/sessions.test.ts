// The schedule of sessions (MTG-1), who the person picker offers for a position (ORG-3) and the
// founding act request (ORG-6).
import { describe, expect, it } from 'vitest';
import type { BodyTemplate } from './bodies-types';
import { foundingBody, foundingRowOf, foundingSeats, msUntilStart, pickerKind, sessionStartMs } from './bodies';

const template = (id: string, positions: string[], staff_allowed: string[]): BodyTemplate => ({
  id,
  kind: id,
  name: id,
  positions,
  staff_allowed,
  rules: {
    quorum: { base: 'composition', comparison: 'more_than', numerator: 1, denominator: 2 },
    majority: { base: 'present', comparison: 'more_than', numerator: 1, denominator: 2 },
    max_months_between_sessions: 6,
  },
});

describe('session schedule (MTG-1)', () => {
  it('reads the start as Almaty local time', () => {
    expect(sessionStartMs({ held_on: '2026-12-12', starts_at: '10:00' })).toBe(Date.parse('2026-12-12T05:00:00Z'));
  });

  it('refreshes a scheduled session once at its start, never an open one', () => {
    const start = Date.parse('2026-12-12T05:00:00Z');
    const scheduled = { status: 'scheduled', held_on: '2026-12-12', starts_at: '10:00' };
    expect(msUntilStart(scheduled, start - 60_000)).toBe(61_000);
    expect(msUntilStart(scheduled, start + 5_000)).toBe(1_000);   // the server's clock is a little behind
    expect(msUntilStart(scheduled, start - 7 * 86_400_000)).toBe(86_400_000);   // next week: check again tomorrow
    expect(msUntilStart({ ...scheduled, status: 'open' }, start - 60_000)).toBeNull();
    expect(msUntilStart({ ...scheduled, starts_at: 'xx' }, start)).toBeNull();
  });
});

describe('who may hold a position (ORG-3)', () => {
  const assembly = template('small_assembly', ['chair', 'vice_chair', 'secretary', 'member'], ['vice_chair']);

  it('offers only students for a student position, everyone where staff may hold it', () => {
    expect(pickerKind(assembly, 'member')).toBe('student');
    expect(pickerKind(assembly, 'vice_chair')).toBeNull();   // the head of the Youth Center
    expect(pickerKind(template('council', ['member'], ['member']), 'member')).toBeNull();
    expect(pickerKind(template('club', ['chair'], []), 'chair')).toBe('student');
    expect(pickerKind(null, 'member')).toBe('student');
    // No position chosen yet: everyone where some position is open to staff, else students.
    expect(pickerKind(assembly, '')).toBeNull();
    expect(pickerKind(template('club', ['chair'], []), '')).toBe('student');
  });
});

describe('founding act (ORG-6)', () => {
  const club = template('club', ['chair', 'member'], []);

  it('proposes one row per position and sends only the rows with a person', () => {
    const seats = foundingSeats(club);
    expect(seats).toEqual([{ position: 'chair', person_id: '' }, { position: 'member', person_id: '' }]);
    const form = {
      order_number: ' 45-ө ',
      order_date: '2026-12-05',
      signed_by: ' Директор ',
      accepted_regulation: true,
      seats: [{ position: 'chair', person_id: '' }, { position: 'member', person_id: '12' }, { position: 'member', person_id: '13' }],
    };
    expect(foundingBody(form)).toEqual({
      order_number: '45-ө',
      order_date: '2026-12-05',
      signed_by: 'Директор',
      accepted_regulation: true,
      seats: [{ person_id: 12, position: 'member' }, { person_id: 13, position: 'member' }],
    });
    // The server's "seats[1]" is the third row of the form (the first is empty).
    expect(foundingRowOf(form, 1)).toBe(2);
    expect(foundingRowOf(form, 5)).toBe(-1);
  });
});
