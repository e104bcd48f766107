import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, formatDateTime, todayInAlmaty } from './format';

describe('dates in Asia/Almaty', () => {
  it('shows the Almaty wall-clock time whatever the offset in the string', () => {
    // 09:30 UTC is 14:30 in Almaty (UTC+5)
    expect(formatDateTime('2026-03-05T09:30:00Z', 'en')).toMatch(/2:30\s?PM/);
    expect(formatDateTime('2026-03-05T14:30:00+05:00', 'ru')).toContain('14:30');
  });

  it('formats in the UI language', () => {
    expect(formatDateTime('2026-03-05T14:30:00+05:00', 'ru')).toMatch(/мар/);
    expect(formatDateTime('2026-03-05T14:30:00+05:00', 'en')).toMatch(/Mar/);
  });

  it('Kazakh uses the numeric form, independent of the browser’s Kazakh calendar data', () => {
    expect(formatDateTime('2026-03-05T09:30:00Z', 'kk')).toBe('05.03.2026, 14:30');
    expect(formatDateTime('2026-12-31T19:05:00Z', 'kk')).toBe('01.01.2027, 00:05');
    expect(formatDate('2009-04-17', 'kk')).toBe('17.04.2009');
  });

  it('calendar dates never shift by a day', () => {
    expect(formatDate('2009-04-17', 'en')).toBe('Apr 17, 2009');
    expect(formatDate('2009-01-01', 'ru')).toMatch(/^1 янв/);
  });

  it('passes through what it cannot parse', () => {
    expect(formatDate('17.04.2009', 'en')).toBe('17.04.2009');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(formatDateTime(null, 'en')).toBe('');
  });

  it('today in Almaty differs from UTC late in the evening', () => {
    expect(todayInAlmaty(new Date('2026-03-05T20:00:00Z'))).toBe('2026-03-06');
  });

  it('formats file sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
  });
});
