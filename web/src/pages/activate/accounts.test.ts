import { describe, expect, it } from 'vitest';
import { activationQuery, codeLooksValid, emptyIssueForm, formatCode, issueBody } from './accounts';

describe('activation page', () => {
  it('takes the login and the code from the QR link', () => {
    expect(activationQuery('?login=Sarsenova.Aliya&code=abcd-efgh')).toEqual({ login: 'sarsenova.aliya', code: 'ABCD-EFGH' });
    expect(activationQuery('')).toEqual({ login: '', code: '' });
  });

  it('writes a typed code in groups of four, whatever the case, spaces or dashes', () => {
    expect(formatCode('zzzz zzzz-zzzzzzzz')).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(formatCode('')).toBe('');
  });

  it('knows a code has 26 characters without 0, O, 1 or I', () => {
    expect(codeLooksValid('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZW')).toBe(true);
    expect(codeLooksValid('ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z')).toBe(false);
    expect(codeLooksValid('0ZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZW')).toBe(false);
    expect(codeLooksValid('IZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZW')).toBe(false);
  });
});

describe('issuing accounts', () => {
  it('starts on the group when one is chosen, else everyone, with 14 days and parents', () => {
    expect(emptyIssueForm('7')).toMatchObject({ scope: 'group', groupId: '7', validDays: '14', representatives: true, loginRule: 'student_number' });
    expect(emptyIssueForm().scope).toBe('all');
  });

  it('builds the body for a group, a course and everyone', () => {
    expect(issueBody({ ...emptyIssueForm('7') })).toEqual({ body: { scope: 'group', group_id: 7, login_rule: 'student_number', representatives: true, valid_days: 14 } });
    expect(issueBody({ ...emptyIssueForm(), scope: 'course', course: '3', loginRule: 'name' })).toEqual({
      body: { scope: 'course', course: 3, login_rule: 'name', representatives: true, valid_days: 14 },
    });
    expect(issueBody({ ...emptyIssueForm(), representatives: false })).toEqual({ body: { scope: 'all', login_rule: 'student_number', representatives: false, valid_days: 14 } });
  });

  it('names the missing or wrong fields instead of sending', () => {
    expect(issueBody({ ...emptyIssueForm(), scope: 'group' })).toEqual({ errors: { group_id: 'required' } });
    expect(issueBody({ ...emptyIssueForm(), scope: 'course', course: '13' })).toEqual({ errors: { course: 'invalid' } });
    expect(issueBody({ ...emptyIssueForm(), validDays: '0' })).toEqual({ errors: { valid_days: 'invalid' } });
    expect(issueBody({ ...emptyIssueForm(), validDays: '91' })).toEqual({ errors: { valid_days: 'invalid' } });
  });
});
