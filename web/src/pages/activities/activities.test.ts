import { describe, expect, it } from 'vitest';
import {
  academicYearOf,
  almatyNow,
  editFormOf,
  eventBody,
  eventChangeable,
  eventChanges,
  eventTakenPlace,
  missingEditFields,
  missingEventFields,
  planItemBody,
  validAcademicYear,
  type EventForm,
  type KenesEvent,
} from './activities';

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

const EVENT: KenesEvent = {
  id: 7,
  direction: 'cultural',
  title: 'Наурыз тойы',
  description: 'Концерт',
  held_on: '2026-12-10',
  starts_at: '15:00',
  place: 'Акт залы',
  organiser: 'Кеңес',
  public: true,
  registered: 2,
  attended: 0,
};

describe('changing an event (PLAN-2)', () => {
  it('an untouched form changes nothing, so nobody is told of anything', () => {
    expect(eventChanges(EVENT, editFormOf(EVENT))).toEqual({});
    expect(eventChanges(EVENT, { ...editFormOf(EVENT), title: ' Наурыз тойы ' })).toEqual({});
  });

  it('sends only what changed, trimmed', () => {
    const form = { ...editFormOf(EVENT), held_on: '2026-12-11', place: ' Спортзал ' };
    expect(eventChanges(EVENT, form)).toEqual({ held_on: '2026-12-11', place: 'Спортзал' });
  });

  it('an emptied start time makes it an all-day event (null), an emptied description is sent empty', () => {
    expect(eventChanges(EVENT, { ...editFormOf(EVENT), starts_at: '', description: '' })).toEqual({ starts_at: null, description: '' });
    expect(eventChanges({ ...EVENT, starts_at: null }, { ...editFormOf({ ...EVENT, starts_at: null }), starts_at: '09:30' })).toEqual({ starts_at: '09:30' });
  });

  it('title, date and place are required', () => {
    expect(missingEditFields({ ...editFormOf(EVENT), title: '  ', place: '' })).toEqual(['title', 'place']);
    expect(missingEditFields(editFormOf(EVENT))).toEqual([]);
  });

  it('Almaty time is UTC+5', () => {
    expect(almatyNow(new Date('2026-12-10T09:59:00Z'))).toEqual({ today: '2026-12-10', time: '14:59' });
    expect(almatyNow(new Date('2026-12-09T19:30:00Z'))).toEqual({ today: '2026-12-10', time: '00:30' });
  });

  it('an event with a time has taken place once it started; without one, once its day is over', () => {
    expect(eventTakenPlace(EVENT, new Date('2026-12-10T09:59:00Z'))).toBe(false);
    expect(eventTakenPlace(EVENT, new Date('2026-12-10T10:00:00Z'))).toBe(true);
    const allDay = { ...EVENT, starts_at: null };
    expect(eventTakenPlace(allDay, new Date('2026-12-10T18:00:00Z'))).toBe(false);
    expect(eventTakenPlace(allDay, new Date('2026-12-10T19:00:00Z'))).toBe(true);
  });

  it('a cancelled or past event offers no change', () => {
    const before = new Date('2026-12-01T00:00:00Z');
    expect(eventChangeable(EVENT, before)).toBe(true);
    expect(eventChangeable({ ...EVENT, cancelled: true, cancel_reason: 'Карантин' }, before)).toBe(false);
    expect(eventChangeable(EVENT, new Date('2026-12-11T00:00:00Z'))).toBe(false);
  });
});
