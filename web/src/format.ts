// Dates and times as people in Kazakhstan read them: always Asia/Almaty, in the UI language.
import type { Locale } from './i18n';

export const TIME_ZONE = 'Asia/Almaty';

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = make();
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * Browsers ship uneven Kazakh calendar data (Debian's Chromium prints "2026 M03 5"), so Kazakh
 * dates use the numeric form that Kazakhstan's documents use anyway: 05.03.2026, 14:07.
 */
function numericParts(date: Date, timeZone: string): Record<string, string> {
  const format = cachedFormat(`num:${timeZone}`, () =>
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  );
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** "2026-03-05T14:07:00+05:00" -> "5 мар. 2026 г., 14:07" (ru), "05.03.2026, 14:07" (kk) */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (locale === 'kk') {
    const p = numericParts(date, TIME_ZONE);
    return `${p.day}.${p.month}.${p.year}, ${p.hour}:${p.minute}`;
  }
  const format = cachedFormat(`dt:${locale}`, () =>
    new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }),
  );
  return format.format(date);
}

/**
 * "2009-04-17" -> "17 апр. 2009 г." A calendar date has no time zone: it is formatted as UTC
 * so it never shifts by a day.
 */
export function formatDate(value: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  if (locale === 'kk') return `${match[3]}.${match[2]}.${match[1]}`;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const format = cachedFormat(`d:${locale}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }));
  return format.format(date);
}

/** Bytes as "1.5 MB" style text in the UI language. */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** Today in Almaty as YYYY-MM-DD. */
export function todayInAlmaty(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
