import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogs, DEFAULT_LOCALE, formatMessage, getLocale, hasMessage, isLocale, LOCALES, setLocale, subscribeLocale, t, tOr } from './i18n';
import { NAV_ITEMS } from './nav';
import { GENDERS, INSTITUTION_KINDS, PERSON_KINDS, REPRESENTATIVE_KINDS, STUDENT_STATUSES } from './types';
import { ATTENDANCE_STATUSES, END_REASONS, ITEM_KINDS, OUTCOMES, THRESHOLD_BASES, THRESHOLD_COMPARISONS, VOTE_CHOICES, VOTE_STATUSES } from './pages/bodies/bodies-types';

const LOCALES_DIR = join(__dirname, '..', 'locales');

/** Argument names a message uses, e.g. {count, plural, ...} and {name} -> count, name. */
function argumentNames(message: string, locale: string): string[] {
  const names = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const element of elements as Array<Record<string, unknown>>) {
      if (typeof element.value === 'string' && element.type !== 0 /* literal */) names.add(element.value);
      const options = element.options as Record<string, { value: unknown[] }> | undefined;
      if (options) for (const option of Object.values(options)) walk(option.value);
      if (Array.isArray(element.children)) walk(element.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown[]);
  return [...names].sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('catalogs', () => {
  const allKeys = new Set(LOCALES.flatMap((locale) => Object.keys(catalogs[locale])));

  it.each(LOCALES)('%s has every key of every other catalog', (locale) => {
    const missing = [...allKeys].filter((key) => !(key in catalogs[locale]));
    expect(missing).toEqual([]);
  });

  it.each(LOCALES)('%s: every message parses in its own locale', (locale) => {
    const broken: string[] = [];
    for (const [key, message] of Object.entries(catalogs[locale])) {
      try {
        new IntlMessageFormat(message, locale);
      } catch (error) {
        broken.push(`${key}: ${(error as Error).message}`);
      }
      if (message.trim() === '') broken.push(`${key}: empty`);
    }
    expect(broken).toEqual([]);
  });

  it('every message takes the same arguments in all three languages', () => {
    const mismatched: string[] = [];
    for (const key of allKeys) {
      const [kk, ru, en] = LOCALES.map((locale) => argumentNames(catalogs[locale][key] ?? '', locale).join(','));
      if (kk !== ru || kk !== en) mismatched.push(`${key}: kk[${kk}] ru[${ru}] en[${en}]`);
    }
    expect(mismatched).toEqual([]);
  });

  it.each(LOCALES)('%s.json is sorted, 2-space indented UTF-8 with a final newline', (locale) => {
    const text = readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8');
    const data = JSON.parse(text) as Record<string, string>;
    const sorted = Object.fromEntries(Object.keys(data).sort().map((key) => [key, data[key]]));
    expect(text).toBe(`${JSON.stringify(sorted, null, 2)}\n`);
    expect(text).not.toMatch(/\\u[0-9a-fA-F]{4}/);
  });

  it('Kazakh UI strings use Kazakh letters, not look-alikes from other scripts', () => {
    const kazakhWords = Object.entries(catalogs.kk).filter(([key]) => key.startsWith('ui.')).map(([, value]) => value).join(' ');
    expect(kazakhWords).toMatch(/[әғқңөұүһі]/);
    // Latin "i" or "e" inside a Cyrillic word is a typical copy-paste slip.
    expect(kazakhWords).not.toMatch(/[а-яәғқңөұүһі][a-z]|[a-z][а-яәғқңөұүһі]/i);
  });

  it('every literal ui.* key used in the source exists', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(__dirname)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'(ui\.[a-z0-9_.]+)'/g)) used.add(match[1]);
    }
    const prefixes = [...used].filter((key) => key.endsWith('.'));
    const missing = [...used].filter((key) => !key.endsWith('.') && !hasMessage(key));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(100);
    // prefixes are only used with tOr(), which falls back to the raw value
    expect(prefixes.every((prefix) => Object.keys(catalogs.kk).some((key) => key.startsWith(prefix)))).toBe(true);
  });

  it('keys built from API values exist for every known value', () => {
    const families: Array<[string, readonly string[]]> = [
      ['ui.person.status.', STUDENT_STATUSES],
      ['ui.person.kind.', PERSON_KINDS],
      ['ui.person.gender.', GENDERS],
      ['ui.person.relation.', REPRESENTATIVE_KINDS],
      ['ui.institution.kind.', INSTITUTION_KINDS],
      ['ui.representatives.mode.', ['existing', 'new']],
      ['ui.role.', ['system_admin', 'institution_admin', 'staff', 'curator', 'student', 'legal_representative']],
      ['ui.permission.', ['public', 'self', 'institution.read', 'institution.manage', 'people.read', 'people.write', 'people.import', 'users.manage', 'audit.read', 'institutions.manage', 'bodies.read', 'bodies.manage', 'meetings.run']],
      ['ui.import.step.', ['choose', 'mapping', 'preview', 'done']],
      ['ui.audit.action_name.', ['user.login', 'user.logout', 'user.login_failed', 'user.password_change', 'user.password_change_failed', 'user.password_reset', 'api_token.create', 'api_token.revoke']],
      // refusals of a new password (src/security/password_policy.cpp) and of a token's scope
      ['field.', ['too_short', 'password_common', 'password_repeated', 'password_sequence', 'password_login', 'password_name', 'permission_not_held']],
      ['ui.body.base.', THRESHOLD_BASES],
      ['ui.body.comparison.', THRESHOLD_COMPARISONS],
      ['ui.body.end_reason.', END_REASONS],
      ['ui.meeting.kind.', ITEM_KINDS],
      ['ui.meeting.choice.', VOTE_CHOICES],
      ['ui.meeting.vote_status.', VOTE_STATUSES],
      ['ui.meeting.outcome.', OUTCOMES],
      ['ui.meeting.attendance.', ATTENDANCE_STATUSES],
      // the server's catalog: positions of every template, the quorum sentence, refusals shown by the page
      ['body.position.', ['chair', 'vice_chair', 'secretary', 'member', 'president', 'first_vice_president', 'second_vice_president', 'ombudsman', 'senate_chair', 'head_of_secretariat', 'faction_head']],
      ['rule.', ['recused', 'not_present', 'not_a_voting_member']],
      ['ui.import.field.', ['student_number', 'surname', 'name', 'patronymic', 'birth_date', 'gender', 'email', 'phone', 'group', 'course', 'grade', 'status', 'academic_debt', 'rep1_kind', 'rep1_surname', 'rep1_name', 'rep1_patronymic', 'rep1_phone', 'rep1_email', 'rep2_kind', 'rep2_surname', 'rep2_name', 'rep2_patronymic', 'rep2_phone', 'rep2_email']],
    ];
    const missing: string[] = [];
    for (const [prefix, values] of families) for (const value of values) if (!hasMessage(prefix + value)) missing.push(prefix + value);
    for (const item of NAV_ITEMS) for (const key of [item.labelKey, `${item.labelKey}_hint`]) if (!hasMessage(key)) missing.push(key);
    for (const locale of LOCALES) for (const suffix of ['name', 'short']) if (!hasMessage(`ui.lang.${locale}.${suffix}`)) missing.push(`ui.lang.${locale}.${suffix}`);
    expect(missing).toEqual([]);
  });
});

describe('Russian plurals', () => {
  it.each([
    [1, 'Найден 1 человек'],
    [3, 'Найдено 3 человека'],
    [5, 'Найдено 5 человек'],
    [21, 'Найден 21 человек'],
    [22, 'Найдено 22 человека'],
    [11, 'Найдено 11 человек'],
  ])('%i -> %s', (count, expected) => {
    expect(formatMessage('ru', 'ui.people.found', { count })).toBe(expected);
  });

  it('uses one/few/many in the server messages too', () => {
    expect(formatMessage('ru', 'error.too_many_attempts.detail', { minutes: 1 })).toContain('1 минуту');
    expect(formatMessage('ru', 'error.too_many_attempts.detail', { minutes: 3 })).toContain('3 минуты');
    expect(formatMessage('ru', 'error.too_many_attempts.detail', { minutes: 5 })).toContain('5 минут');
    expect(formatMessage('ru', 'error.too_many_attempts.detail', { minutes: 21 })).toContain('21 минуту');
  });

  it('formats records of the audit log', () => {
    expect(formatMessage('ru', 'ui.audit.found', { count: 1 })).toBe('1 запись');
    expect(formatMessage('ru', 'ui.audit.found', { count: 3 })).toBe('3 записи');
    expect(formatMessage('ru', 'ui.audit.found', { count: 5 })).toBe('5 записей');
    expect(formatMessage('ru', 'ui.audit.found', { count: 21 })).toBe('21 запись');
  });
});

describe('Kazakh and English plurals', () => {
  it('Kazakh nouns do not change after a numeral', () => {
    expect(formatMessage('kk', 'ui.people.found', { count: 1 })).toBe('1 адам табылды');
    expect(formatMessage('kk', 'ui.people.found', { count: 5 })).toBe('5 адам табылды');
  });

  it('English one/other', () => {
    expect(formatMessage('en', 'ui.people.found', { count: 1 })).toBe('1 person found');
    expect(formatMessage('en', 'ui.people.found', { count: 2 })).toBe('2 people found');
  });
});

describe('i18n helpers', () => {
  afterEach(() => setLocale(DEFAULT_LOCALE));

  it('Kazakh is the default language', () => {
    expect(DEFAULT_LOCALE).toBe('kk');
    expect(getLocale()).toBe('kk');
    expect(t('ui.nav.people')).toBe('Адамдар');
  });

  it('t follows setLocale and notifies subscribers once per change', () => {
    const seen: string[] = [];
    const unsubscribe = subscribeLocale((locale) => seen.push(locale));
    setLocale('ru');
    setLocale('ru');
    expect(t('ui.nav.people')).toBe('Люди');
    setLocale('en');
    expect(t('ui.nav.people')).toBe('People');
    unsubscribe();
    setLocale('kk');
    expect(seen).toEqual(['ru', 'en']);
  });

  it('interpolates values', () => {
    expect(formatMessage('en', 'ui.pager.range', { from: 1, to: 25, total: 312 })).toBe('1–25 of 312');
    expect(formatMessage('ru', 'ui.pager.range', { from: 1, to: 25, total: 312 })).toBe('1–25 из 312');
  });

  it('a missing key shows itself instead of crashing', () => {
    expect(formatMessage('en', 'ui.no.such.key')).toBe('ui.no.such.key');
    expect(hasMessage('ui.no.such.key')).toBe(false);
  });

  it('tOr falls back to the raw value for unknown API values', () => {
    setLocale('en');
    expect(tOr('ui.role.', 'curator')).toBe('Curator');
    expect(tOr('ui.role.', 'night_watch')).toBe('night_watch');
  });

  it('isLocale accepts only kk, ru, en', () => {
    expect(isLocale('kk')).toBe(true);
    expect(isLocale('ru')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
