import { describe, expect, it } from 'vitest';
import { hasSessions, needValues, nextStep, type Overview, type Setup } from './home';

describe('needValues', () => {
  it('writes the date of a session in the reader language and keeps the other arguments', () => {
    const values = needValues({ kind: 'session', link: '/meetings/1', params: { body: 'Кеңес', number: 3, date: '2026-12-07', place: '101' }, when: '2026-12-07' }, 'ru');
    expect(values.body).toBe('Кеңес');
    expect(values.number).toBe(3);
    expect(values.date).not.toBe('2026-12-07');
    expect(String(values.date)).toMatch(/7/);
  });
  it('writes the closing time of a vote as a date and time', () => {
    const values = needValues({ kind: 'election_vote', link: '/elections/1/vote', params: { title: 'X', closes: '2026-09-25T18:00:00+05:00' }, when: null }, 'en');
    expect(String(values.closes)).toMatch(/18:00|6:00/);
  });
});

describe('nextStep', () => {
  const setup = (done: boolean[]): Setup => ({
    steps: done.map((d, i) => ({ key: `s${i}`, link: '/', done: d, count: d ? 1 : 0 })),
    done: done.filter(Boolean).length,
    total: done.length,
  });
  it('offers the first step not done, even after later ones were done', () => {
    expect(nextStep(setup([true, false, true, false]))?.key).toBe('s1');
  });
  it('offers nothing when every step is done', () => {
    expect(nextStep(setup([true, true]))).toBeUndefined();
  });
});

describe('hasSessions', () => {
  const base: Overview = { id: 1, full_name: 'A', group_name: null, sections: [] };
  it('is false for a person without seats or sessions, and for no overview', () => {
    expect(hasSessions(null)).toBe(false);
    expect(hasSessions({ ...base, bodies: { seats: [], candidacies: [] }, sessions: [] })).toBe(false);
  });
  it('is true for a member of a body', () => {
    const seat = { body_id: 1, body: 'B', position: 'member', voting: true, starts_on: '2026-09-01', ends_on: null };
    expect(hasSessions({ ...base, bodies: { seats: [seat], candidacies: [] } })).toBe(true);
  });
});
