import { afterEach, describe, expect, it, vi } from 'vitest';
import { almatyWallClock, formatBytes, formatDate, formatDateTime, formatDateTimeSeconds, todayInAlmaty } from './format';

describe('Almaty wall-clock time from the string itself', () => {
  afterEach(() => vi.restoreAllMocks());

  it('takes the digits of an Almaty offset as written', () => {
    expect(almatyWallClock('2026-03-05T14:30:00+05:00')).toEqual({ year: 2026, month: 3, day: 5, hour: 14, minute: 30, second: 0 });
    // Before 2024-03-01 Almaty was UTC+6: such a time is still shown as it was written.
    expect(almatyWallClock('2024-02-29T23:30:00+06:00')).toMatchObject({ day: 29, hour: 23, minute: 30 });
    expect(almatyWallClock('2026-03-05T14:30')).toMatchObject({ hour: 14, minute: 30 });
    expect(almatyWallClock('2026-03-05T14:30:15.123+05:00')).toMatchObject({ second: 15 });
  });

  it('moves other offsets to UTC+5', () => {
    expect(almatyWallClock('2026-03-05T09:30:00Z')).toMatchObject({ day: 5, hour: 14, minute: 30 });
    expect(almatyWallClock('2026-12-31T19:05:00Z')).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 5, second: 0 });
    expect(almatyWallClock('2026-03-05T12:30:00+03:00')).toMatchObject({ hour: 14, minute: 30 });
    expect(almatyWallClock('2026-03-05T01:00:00-04:00')).toMatchObject({ day: 5, hour: 10 });
  });

  it('refuses what is not an ISO date-time', () => {
    expect(almatyWallClock('not a date')).toBeNull();
    expect(almatyWallClock('2026-13-05T10:00:00+05:00')).toBeNull();
    expect(almatyWallClock('2026-02-30T10:00:00+05:00')).toBeNull();
    expect(almatyWallClock('2026-03-05')).toBeNull();
  });

  it('never asks Intl for the Asia/Almaty rules (old tzdata still says UTC+6)', () => {
    const spy = vi.spyOn(Intl, 'DateTimeFormat');
    formatDateTime('2026-07-01T08:15:00+05:00', 'ru');
    formatDateTime('2026-07-01T08:15:00+05:00', 'en');
    for (const call of spy.mock.calls) expect(call[1]?.timeZone ?? 'UTC').toBe('UTC');
    // A browser whose tz database puts Almaty at UTC+6 would have said 09:15.
    expect(formatDateTime('2026-07-01T08:15:00+05:00', 'ru')).toContain('08:15');
  });
});

describe('formatDateTime', () => {
  it('shows the second where a journal registers to the second (HST-APP-1, HST-PRI-3)', () => {
    expect(formatDateTimeSeconds('2026-06-05T11:14:26+05:00', 'kk')).toBe('05.06.2026, 11:14:26');
    expect(formatDateTimeSeconds('2026-06-05T11:14:26+05:00', 'ru')).toContain('11:14:26');
    expect(formatDateTime('2026-06-05T11:14:26+05:00', 'kk')).toBe('05.06.2026, 11:14');
  });
  it('shows the Almaty wall-clock time', () => {
    expect(formatDateTime('2026-03-05T09:30:00Z', 'en')).toMatch(/2:30\s?PM/);
    expect(formatDateTime('2026-03-05T14:30:00+05:00', 'ru')).toContain('14:30');
    expect(formatDateTime('2026-03-05T14:30:00+05:00', 'en')).toMatch(/2:30\s?PM/);
  });

  it('formats in the UI language', () => {
    expect(formatDateTime('2026-03-05T14:30:00+05:00', 'ru')).toMatch(/5 мар\.? 2026/);
    expect(formatDateTime('2026-03-05T14:30:00+05:00', 'en')).toMatch(/Mar 5, 2026/);
  });

  it('Kazakh uses the numeric form, independent of the browser’s Kazakh calendar data', () => {
    expect(formatDateTime('2026-03-05T14:30:00+05:00', 'kk')).toBe('05.03.2026, 14:30');
    expect(formatDateTime('2026-03-05T09:30:00Z', 'kk')).toBe('05.03.2026, 14:30');
    expect(formatDateTime('2026-12-31T19:05:00Z', 'kk')).toBe('01.01.2027, 00:05');
    expect(formatDateTime('2026-11-22T00:05:00+05:00', 'kk')).toBe('22.11.2026, 00:05');
  });

  it('passes through what it cannot parse', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(formatDateTime(null, 'en')).toBe('');
    expect(formatDateTime(undefined, 'kk')).toBe('');
  });
});

describe('formatDate', () => {
  it('Kazakh numeric form', () => {
    expect(formatDate('2009-04-17', 'kk')).toBe('17.04.2009');
  });

  it('calendar dates never shift by a day', () => {
    expect(formatDate('2009-04-17', 'en')).toBe('Apr 17, 2009');
    expect(formatDate('2009-01-01', 'ru')).toMatch(/^1 янв/);
  });

  it('passes through what it cannot parse', () => {
    expect(formatDate('17.04.2009', 'en')).toBe('17.04.2009');
  });
});

describe('todayInAlmaty', () => {
  it('is UTC+5: late evening in UTC is already tomorrow', () => {
    expect(todayInAlmaty(new Date('2026-03-05T20:00:00Z'))).toBe('2026-03-06');
    expect(todayInAlmaty(new Date('2026-03-05T18:59:59Z'))).toBe('2026-03-05');
    expect(todayInAlmaty(new Date('2026-12-31T19:00:00Z'))).toBe('2027-01-01');
  });
});

describe('formatBytes', () => {
  it('formats file sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
  });
});
