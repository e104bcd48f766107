import { describe, expect, it } from 'vitest';
import { academicYearOf, eventBody, missingEventFields, planItemBody, validAcademicYear, type EventForm } from './activities';

describe('academic years', () => {
  it('start on 1 September', () => {
    expect(academicYearOf('2026-08-31')).toBe('2025-2026');
    expect(academicYearOf('2026-09-01')).toBe('2026-2027');
    expect(academicYearOf('2027-01-15')).toBe('2026-2027');
  });
  it('must be two consecutive years', () => {
    expect(validAcademicYear('2026-2027')).toBe(true);
    expect(validAcademicYear(' 2026-2027 ')).toBe(true);
    expect(validAcademicYear('2026-2028')).toBe(false);
    expect(validAcademicYear('2026/2027')).toBe(false);
  });
});

describe('request bodies', () => {
  it('a plan item sends the responsible person as a number, or leaves it out', () => {
    expect(planItemBody({ direction: 'sports', title: ' Кросс ', responsible: { id: '12' }, due_on: '2026-12-01' })).toEqual({
      direction: 'sports',
      title: 'Кросс',
      due_on: '2026-12-01',
      responsible_person_id: 12,
    });
    expect(planItemBody({ direction: 'sports', title: 'x', responsible: null, due_on: '2026-12-01' })).not.toHaveProperty('responsible_person_id');
  });
  const form: EventForm = {
    organiser_body_id: '5',
    direction: 'cultural',
    title: ' Фестиваль ',
    description: '',
    held_on: '2026-12-05',
    starts_at: '',
    place: 'Зал',
    plan_item_id: '',
    public: true,
  };
  it('an event leaves out empty optional fields', () => {
    expect(eventBody(form)).toEqual({ organiser_body_id: 5, direction: 'cultural', title: 'Фестиваль', held_on: '2026-12-05', place: 'Зал', public: true });
    expect(eventBody({ ...form, starts_at: '15:00', plan_item_id: '9', description: ' d ' })).toMatchObject({ starts_at: '15:00', plan_item_id: 9, description: 'd' });
  });
  it('lists the required fields left empty', () => {
    expect(missingEventFields(form)).toEqual([]);
    expect(missingEventFields({ ...form, title: ' ', place: '' })).toEqual(['title', 'place']);
  });
});
