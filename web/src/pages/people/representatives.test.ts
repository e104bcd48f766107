import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { DEFAULT_LOCALE, setLocale } from '../../i18n';
import { checkRepresentativeForm, EMPTY_NEW_REPRESENTATIVE, linkBody, linkFormErrors, newRepresentativeBody } from './representatives';

afterEach(() => setLocale(DEFAULT_LOCALE));

describe('newRepresentativeBody', () => {
  it('always sends the names, trimmed, and leaves out empty extras', () => {
    expect(newRepresentativeBody({ ...EMPTY_NEW_REPRESENTATIVE, surname: ' Сәрсенов ', name: 'Ерлан', phone: ' +7 701 000 00 00 ' })).toEqual({
      surname: 'Сәрсенов',
      name: 'Ерлан',
      phone: '+7 701 000 00 00',
    });
    expect(newRepresentativeBody(EMPTY_NEW_REPRESENTATIVE)).toEqual({ surname: '', name: '' });
  });
});

describe('linkBody', () => {
  it('keeps numeric ids numeric', () => {
    expect(linkBody('1377', 'mother')).toEqual({ representative_id: 1377, kind: 'mother' });
    expect(linkBody(1377, 'father')).toEqual({ representative_id: 1377, kind: 'father' });
    expect(linkBody('p-9', 'guardian')).toEqual({ representative_id: 'p-9', kind: 'guardian' });
  });
});

describe('checkRepresentativeForm', () => {
  it('asks for a person and a relation before anything is sent', () => {
    setLocale('en');
    expect(checkRepresentativeForm('existing', null, '')?.fields).toEqual({
      representative_id: 'Choose a person.',
      kind: 'Choose the relation.',
    });
    expect(checkRepresentativeForm('new', null, 'aunt')?.fields).toEqual({ kind: 'Choose the relation.' });
  });

  it('lets a complete form through', () => {
    expect(checkRepresentativeForm('existing', { id: 1, full_name: 'A' }, 'mother')).toBeNull();
    expect(checkRepresentativeForm('new', null, 'other')).toBeNull();
  });
});

describe('linkFormErrors', () => {
  it('explains that only a student can have a representative', () => {
    setLocale('en');
    const error = new ApiError({
      status: 422,
      code: 'validation',
      title: 'Validation failed',
      detail: '1 field needs correcting.',
      errors: [{ field: 'student', code: 'invalid', message: 'The value is not valid.' }],
    });
    const result = linkFormErrors(error);
    expect(result.fields).toEqual({});
    expect(result.general).toEqual(['Validation failed. 1 field needs correcting.', 'A legal representative can only be linked to a student.']);
  });

  it('puts the person and the relation errors next to their fields', () => {
    const error = new ApiError({
      status: 422,
      code: 'validation',
      errors: [
        { field: 'representative_id', code: 'not_found', message: 'No such record.' },
        { field: 'kind', code: 'invalid', message: 'The value is not valid.' },
      ],
    });
    expect(linkFormErrors(error).fields).toEqual({ representative_id: 'No such record.', kind: 'The value is not valid.' });
  });
});
