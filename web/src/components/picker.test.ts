import { describe, expect, it } from 'vitest';
import type { PersonSummary } from '../types';
import { distinguishingFacts, moveActive, pickerRequest, withoutExcluded } from './picker';

const student: PersonSummary = {
  id: 7,
  surname: 'Сәрсенова',
  name: 'Әлия',
  full_name: 'Сәрсенова Әлия',
  kinds: ['student'],
  student: { student_number: 'S-1', group_name: 'ИС-21', status: 'studying' },
  staff: null,
};
const staff: PersonSummary = { id: 8, surname: 'Омаров', name: 'Асқар', full_name: 'Омаров Асқар', kinds: ['staff'], student: null, staff: { position: 'Куратор' } };

describe('pickerRequest', () => {
  it('waits for two letters, trims and squeezes spaces', () => {
    expect(pickerRequest('')).toBeNull();
    expect(pickerRequest(' ә ')).toBeNull();
    expect(pickerRequest('әл')).toBe('/api/v1/people?q=%D3%99%D0%BB&limit=10');
    expect(pickerRequest('  Омаров   Асқар ', 'staff')).toBe('/api/v1/people?q=%D0%9E%D0%BC%D0%B0%D1%80%D0%BE%D0%B2+%D0%90%D1%81%D2%9B%D0%B0%D1%80&kind=staff&limit=10');
  });
});

describe('moveActive', () => {
  it('wraps at both ends', () => {
    expect(moveActive(-1, 1, 3)).toBe(0);
    expect(moveActive(-1, -1, 3)).toBe(2);
    expect(moveActive(0, 1, 3)).toBe(1);
    expect(moveActive(2, 1, 3)).toBe(0);
    expect(moveActive(0, -1, 3)).toBe(2);
  });

  it('has nothing to highlight in an empty list', () => {
    expect(moveActive(-1, 1, 0)).toBe(-1);
    expect(moveActive(4, -1, 0)).toBe(-1);
  });
});

describe('suggestions', () => {
  it('leaves out excluded ids whatever their type', () => {
    expect(withoutExcluded([student, staff], ['7']).map((p) => p.id)).toEqual([8]);
    expect(withoutExcluded([student, staff], [8]).map((p) => p.id)).toEqual([7]);
    expect(withoutExcluded([student, staff], [])).toHaveLength(2);
  });

  it('names the facts that tell namesakes apart', () => {
    expect(distinguishingFacts(student)).toEqual(['ИС-21', 'S-1']);
    expect(distinguishingFacts(staff)).toEqual(['Куратор']);
    expect(distinguishingFacts({ ...staff, staff: null, kinds: [] })).toEqual([]);
  });
});
