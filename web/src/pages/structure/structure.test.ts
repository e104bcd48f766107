import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, setLocale } from '../../i18n';
import {
  activeStructureTab,
  checkAcademicYear,
  createGroupBody,
  EMPTY_GROUP_FORM,
  groupPeopleHref,
  groupToForm,
  institutionBody,
  institutionPatch,
  levelField,
  levelText,
  orderedLanguages,
  patchGroupBody,
  suggestYearName,
} from './structure';

afterEach(() => setLocale(DEFAULT_LOCALE));

describe('structure tabs', () => {
  it('marks the section of nested pages', () => {
    expect(activeStructureTab('/structure')).toBe('/structure');
    expect(activeStructureTab('/structure/')).toBe('/structure');
    expect(activeStructureTab('/structure/groups')).toBe('/structure/groups');
    expect(activeStructureTab('/structure/groups/12')).toBe('/structure/groups');
    expect(activeStructureTab('/structure/groups/new')).toBe('/structure/groups');
    expect(activeStructureTab('/people')).toBeNull();
  });
});

describe('groups', () => {
  it('schools have grades, colleges and universities courses', () => {
    expect(levelField('school')).toBe('grade');
    expect(levelField('college')).toBe('course');
    expect(levelField('university')).toBe('course');
    expect(levelField(undefined)).toBe('course');
  });

  it('links to the students of the group', () => {
    expect(groupPeopleHref({ id: 1008 })).toBe('/people?group_id=1008&kind=student');
  });

  it('creates with numbers as numbers and without empty fields', () => {
    expect(createGroupBody({ ...EMPTY_GROUP_FORM, name: ' ИС-25 ', faculty_id: '1003', course: '1', curator: { id: 1006, full_name: 'Ж' } })).toEqual({
      name: 'ИС-25',
      faculty_id: 1003,
      course: 1,
      curator_person_id: 1006,
    });
    expect(createGroupBody({ ...EMPTY_GROUP_FORM, grade: 'five' })).toEqual({ name: '', grade: 'five' });
  });

  it('patches only what changed', () => {
    const group = { id: 1, name: 'ИС-21', faculty_id: 1003, course: 2, grade: null, curator_person_id: 1006, student_count: 50 };
    const initial = groupToForm(group, 'Жұмабаева Гүлмира');
    expect(initial.curator).toEqual({ id: 1006, full_name: 'Жұмабаева Гүлмира' });
    expect(patchGroupBody(initial, initial)).toEqual({ body: {}, errors: {} });
    expect(patchGroupBody(initial, { ...initial, name: 'ИС-21а', course: '3', curator: { id: 1007, full_name: 'О' } })).toEqual({
      body: { name: 'ИС-21а', course: 3, curator_person_id: 1007 },
      errors: {},
    });
    expect(patchGroupBody(initial, { ...initial, grade: '5' }).body).toEqual({ grade: 5 });
  });

  it('refuses to empty a field the API cannot clear', () => {
    setLocale('en');
    const initial = groupToForm({ id: 1, name: 'ИС-21', faculty_id: 1003, course: 2, grade: null, curator_person_id: 1006 }, null);
    expect(initial.curator?.full_name).toBe('1006');
    const result = patchGroupBody(initial, { ...initial, faculty_id: '', course: ' ', curator: null, name: 'X' });
    expect(result.body).toEqual({ name: 'X' });
    expect(Object.keys(result.errors).sort()).toEqual(['course', 'curator_person_id', 'faculty_id']);
    expect(result.errors.course).toBe('This value cannot be removed, only replaced.');
  });

  it('says the course or the grade in words', () => {
    setLocale('en');
    expect(levelText({ course: 2, grade: null })).toBe('Year 2');
    expect(levelText({ course: null, grade: 11 })).toBe('Grade 11');
    expect(levelText({ course: null, grade: null })).toBe('');
    setLocale('kk');
    expect(levelText({ course: 2, grade: null })).toBe('2-курс');
    expect(levelText({ course: null, grade: 5 })).toBe('5-сынып');
  });
});

describe('academic years', () => {
  it('an end before the start is refused before sending', () => {
    setLocale('en');
    expect(checkAcademicYear({ name: 'x', starts_on: '2027-09-01', ends_on: '2027-06-30' })).toEqual({ ends_on: 'The end date must be after the start date.' });
    expect(checkAcademicYear({ name: 'x', starts_on: '2027-09-01', ends_on: '2027-09-01' })).toHaveProperty('ends_on');
    expect(checkAcademicYear({ name: 'x', starts_on: '2027-09-01', ends_on: '2028-06-30' })).toEqual({});
    // Missing or malformed dates are the server's to name, next to their field.
    expect(checkAcademicYear({ name: '', starts_on: '', ends_on: '2028-06-30' })).toEqual({});
  });

  it('suggests the usual name', () => {
    expect(suggestYearName('2027-09-01', '2028-06-30')).toBe('2027-2028');
    expect(suggestYearName('2027-09-01', '')).toBe('');
  });
});

describe('institution settings', () => {
  const initial = { name: 'Kenes демо колледжі', kind: 'college', languages: ['kk', 'ru', 'en'] };

  it('patches only what changed, languages in catalogue order', () => {
    expect(institutionPatch(initial, { ...initial, languages: ['en', 'ru', 'kk'] })).toEqual({});
    expect(institutionPatch(initial, { ...initial, name: ' Жаңа атау ', languages: ['ru', 'kk'] })).toEqual({ name: 'Жаңа атау', languages: ['kk', 'ru'] });
    expect(institutionPatch(initial, { ...initial, kind: 'school', languages: [] })).toEqual({ kind: 'school', languages: [] });
  });

  it('orders and de-duplicates languages', () => {
    expect(orderedLanguages(['en', 'kk', 'en', 'ru'])).toEqual(['kk', 'ru', 'en']);
  });

  it('creates an institution; an unchosen kind is left for the server to name', () => {
    expect(institutionBody({ name: ' Мектеп ', kind: 'school', languages: ['ru', 'kk'] })).toEqual({ name: 'Мектеп', kind: 'school', languages: ['kk', 'ru'] });
    expect(institutionBody({ name: 'X', kind: '', languages: ['kk'] })).toEqual({ name: 'X', languages: ['kk'] });
  });
});
