// Dates and times as people in Kazakhstan read them: Almaty wall-clock time, in the UI language.
//
// The server writes times in Asia/Almaty with the offset (2026-03-05T14:30:00+05:00). The wall
// clock is read from the string itself rather than from the browser's time-zone database:
// Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01, and browsers and phones with older tzdata
// still put Almaty at UTC+6 and would show every time an hour late. Intl formats only the
// already-computed wall-clock parts, always with timeZone 'UTC', so no tz rule is ever applied.
import type { Locale } from './i18n';

export const TIME_ZONE = 'Asia/Almaty';
/** Almaty's offset from UTC in minutes since 2024-03-01 (before that +06:00). */
export const ALMATY_OFFSET_MINUTES = 5 * 60;
/** Offsets that mean "written in Almaty" and whose wall-clock time is shown as written. */
const ALMATY_OFFSETS = new Set(['+05:00', '+0500', '+06:00', '+0600']);

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function wallClockOf(date: Date): WallClock {
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}

/**
 * The Almaty wall-clock time of an ISO-8601 date-time. An Almaty offset (+05:00, or +06:00 from
 * before 2024-03-01) or no offset at all: the digits as written. Any other offset (Z, +03:00):
 * the instant moved to UTC+5. Null when the text is not an ISO date-time.
 */
export function almatyWallClock(iso: string): WallClock | null {
  const match = ISO_DATE_TIME.exec(iso.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, offset] = match;
  const parts = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s ?? 0) };
  // Date.UTC normalises out-of-range parts (month 13, hour 25): such input is refused instead.
  const asUtc = new Date(Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
  const check = wallClockOf(asUtc);
  if (check.year !== parts.year || check.month !== parts.month || check.day !== parts.day || check.hour !== parts.hour || check.minute !== parts.minute) return null;
  if (!offset || ALMATY_OFFSETS.has(offset)) return parts;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.toUpperCase() === 'Z' ? '0000' : offset.slice(1).replace(':', '');
  const offsetMinutes = offset.toUpperCase() === 'Z' ? 0 : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  const instant = asUtc.getTime() - offsetMinutes * 60_000;
  return wallClockOf(new Date(instant + ALMATY_OFFSET_MINUTES * 60_000));
}

const formats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

const two = (value: number) => String(value).padStart(2, '0');

/**
 * "2026-03-05T14:07:00+05:00" -> "5 мар. 2026 г., 14:07" (ru), "Mar 5, 2026, 2:07 PM" (en),
 * "05.03.2026, 14:07" (kk). Browsers ship uneven Kazakh calendar data (Debian's Chromium prints
 * "2026 M03 5"), so Kazakh uses the numeric form that Kazakhstan's documents use anyway.
 */
export function formatDateTime(iso: string | null | undefined, locale: Locale, { seconds = false } = {}): string {
  if (!iso) return '';
  const wall = almatyWallClock(iso);
  if (!wall) return iso;
  if (locale === 'kk')
    return `${two(wall.day)}.${two(wall.month)}.${wall.year}, ${two(wall.hour)}:${two(wall.minute)}${seconds ? `:${two(wall.second)}` : ''}`;
  const timeStyle = seconds ? 'medium' : 'short';
  const format = cachedFormat(`dt:${locale}:${timeStyle}`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium', timeStyle }));
  return format.format(new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)));
}

/** The same to the second, for journals that register to the second (HST-APP-1, HST-PRI-3). */
export const formatDateTimeSeconds = (iso: string | null | undefined, locale: Locale): string => formatDateTime(iso, locale, { seconds: true });

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

/** Today in Almaty as YYYY-MM-DD (UTC+5, computed without the browser's tz database). */
export function todayInAlmaty(now: Date = new Date()): string {
  const wall = wallClockOf(new Date(now.getTime() + ALMATY_OFFSET_MINUTES * 60_000));
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}`;
}
