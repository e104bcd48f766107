import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { fieldMessage, formErrors, problemMessage } from './errors';
import { DEFAULT_LOCALE, setLocale } from './i18n';

const validation = new ApiError({
  type: '/problems/validation',
  title: 'Validation failed',
  status: 422,
  detail: '2 fields need correcting.',
  code: 'validation',
  errors: [
    { field: 'surname', code: 'required', message: 'This field is required.' },
    { field: 'student.student_number', code: 'duplicate' },
    { field: 'surname', code: 'too_long', message: 'At most 100 characters.' },
  ],
});

describe('formErrors', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('puts each field error next to its field, first message wins', () => {
    setLocale('en');
    const result = formErrors(validation, ['surname', 'student.student_number']);
    expect(result.fields).toEqual({
      surname: 'This field is required.',
      'student.student_number': 'This value is already in use.', // from field.duplicate in the catalog
    });
    expect(result.general).toEqual(['Validation failed. 2 fields need correcting.']);
  });

  it('keeps errors of fields the form does not show in the general list', () => {
    setLocale('en');
    const result = formErrors(validation, ['surname']);
    expect(result.fields).toEqual({ surname: 'This field is required.' });
    expect(result.general).toEqual(['Validation failed. 2 fields need correcting.', 'student.student_number: This value is already in use.']);
  });

  it('a non-validation problem becomes a general message only', () => {
    const error = new ApiError({ status: 401, code: 'bad_credentials', title: 'Логин немесе құпиясөз қате', detail: 'Логин мен құпиясөзді тексеріңіз.' });
    expect(formErrors(error, ['login', 'password'])).toEqual({
      fields: {},
      general: ['Логин немесе құпиясөз қате. Логин мен құпиясөзді тексеріңіз.'],
    });
  });

  it('unknown errors get the generic message', () => {
    setLocale('en');
    expect(formErrors(new Error('boom'), [])).toEqual({ fields: {}, general: ['An unexpected error occurred.'] });
  });
});

describe('problemMessage', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('429 prefers the server detail', () => {
    const error = new ApiError({ status: 429, code: 'too_many_attempts', title: 'Too many attempts', detail: 'Try again in 15 minutes.' }, 900);
    expect(problemMessage(error)).toBe('Try again in 15 minutes.');
  });

  it('429 without detail uses Retry-After and Russian plurals', () => {
    setLocale('ru');
    const error = new ApiError({ status: 429, code: 'too_many_attempts' }, 21 * 60);
    expect(problemMessage(error)).toBe('Вход временно заблокирован. Повторите через 21 минуту.');
  });

  it('network failures say so', () => {
    setLocale('en');
    expect(problemMessage(new ApiError({ status: 0, code: 'network' }))).toMatch(/Could not reach the server/);
  });

  it('falls back on our catalog when the body had no title', () => {
    setLocale('en');
    expect(problemMessage(new ApiError({ status: 404, code: 'not_found' }))).toBe('Not found');
    expect(problemMessage(new ApiError({ status: 502 }))).toBe('Server error (502).');
  });

  it('does not double the full stop', () => {
    expect(problemMessage(new ApiError({ status: 403, title: 'Access denied.', detail: 'Ask an admin.' }))).toBe('Access denied. Ask an admin.');
  });
});

describe('fieldMessage', () => {
  it('uses the server message, else field.<code>, else a generic text', () => {
    setLocale('en');
    expect(fieldMessage({ field: 'x', code: 'required', message: 'Server says so' })).toBe('Server says so');
    expect(fieldMessage({ field: 'x', code: 'bad_date' })).toBe('The date must be in the form YYYY-MM-DD.');
    expect(fieldMessage({ field: 'x', code: 'strange' })).toBe('Check this value.');
    setLocale(DEFAULT_LOCALE);
  });
});
