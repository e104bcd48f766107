import { describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../types';
import { createPersonBody, emptyPersonForm, numberOrText, patchPersonBody, personToForm } from './person-form';

const person: PersonDetail = {
  id: 7,
  surname: 'Сәрсенова',
  name: 'Әлия',
  patronymic: 'Маратқызы',
  full_name: 'Сәрсенова Әлия Маратқызы',
  kinds: ['student'],
  student: { student_number: 'S-001', course: 2, grade: null, group_id: 3, group_name: 'ИС-21', status: 'studying', academic_debt: false },
  staff: null,
  birth_date: '2008-05-01',
  gender: 'female',
  email: 'aliya@example.kz',
  phone: '+77010000000',
  representatives: [],
  children: [],
};

describe('createPersonBody', () => {
  it('sends a student with numbers as numbers and no empty optional fields', () => {
    const form = { ...emptyPersonForm('student'), surname: ' Ахметов ', name: 'Ерлан', student_number: 'S-9', course: '1', group_id: '3' };
    expect(createPersonBody(form)).toEqual({
      surname: 'Ахметов',
      name: 'Ерлан',
      student: { student_number: 'S-9', status: 'studying', academic_debt: false, course: 1, group_id: 3 },
    });
  });

  it('sends staff with a position and always sends the required names', () => {
    expect(createPersonBody({ ...emptyPersonForm('staff'), position: 'Куратор' })).toEqual({ surname: '', name: '', staff: { position: 'Куратор' } });
  });
});

describe('patchPersonBody', () => {
  it('sends only what changed', () => {
    const initial = personToForm(person);
    expect(patchPersonBody(initial, { ...initial, phone: '+77020000000' }, true)).toEqual({ phone: '+77020000000' });
    expect(patchPersonBody(initial, initial, true)).toEqual({});
  });

  it('clearing an optional field sends null, clearing a name sends "" so the server says required', () => {
    const initial = personToForm(person);
    expect(patchPersonBody(initial, { ...initial, email: '', surname: '' }, true)).toEqual({ email: null, surname: '' });
  });

  it('never touches sensitive fields the editor could not see', () => {
    const restricted = personToForm({ ...person, birth_date: undefined, email: undefined, phone: undefined, gender: undefined });
    const edited = { ...restricted, name: 'Алия', birth_date: 'x' };
    expect(patchPersonBody(restricted, edited, false)).toEqual({ name: 'Алия' });
  });

  it('any student change sends the whole student record', () => {
    const initial = personToForm(person);
    expect(patchPersonBody(initial, { ...initial, academic_debt: true }, true)).toEqual({
      student: { student_number: 'S-001', status: 'studying', academic_debt: true, course: 2, group_id: 3 },
    });
  });
});

describe('numberOrText', () => {
  it.each([
    ['3', 3],
    [' 12 ', 12],
    ['', null],
    ['three', 'three'],
    ['2.5', '2.5'],
  ])('%s -> %s', (input, expected) => expect(numberOrText(input)).toBe(expected));
});
