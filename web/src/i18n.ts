// UI translations. The catalogs in web/locales are shared with the C++ server: keys error.*,
// field.* and import.* are the server's, ui.* are ours. Messages are ICU MessageFormat so
// plurals follow each language's rules (Russian one/few/many, Kazakh one/other).
import { IntlMessageFormat } from 'intl-messageformat';
import kk from '../locales/kk.json';
import ru from '../locales/ru.json';
import en from '../locales/en.json';

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'kk';
export type Catalog = Record<string, string>;
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

export const catalogs: Record<Locale, Catalog> = { kk, ru, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const compiled = new Map<string, IntlMessageFormat>();

/** Formats `key` of `locale`; a missing key renders as the key itself so it is easy to spot. */
export function formatMessage(locale: Locale, key: string, values?: MessageValues): string {
  const source = catalogs[locale][key];
  if (source === undefined) return key;
  const cacheKey = `${locale}\u0000${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(source, locale);
    compiled.set(cacheKey, message);
  }
  return String(message.format(values as Record<string, string | number | boolean | Date>));
}

export function hasMessage(key: string): boolean {
  return catalogs[DEFAULT_LOCALE][key] !== undefined;
}

// The current UI language is process-wide state: every API call sends it as Accept-Language,
// and the root component re-renders the whole tree when it changes.
let current: Locale = DEFAULT_LOCALE;
const listeners = new Set<(locale: Locale) => void>();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

export function subscribeLocale(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Translates a key in the current UI language. */
export function t(key: string, values?: MessageValues): string {
  return formatMessage(current, key, values);
}

/** Translates `prefix + value` when such a key exists, else shows the raw value (e.g. an unknown role). */
export function tOr(prefix: string, value: string): string {
  const key = prefix + value;
  return hasMessage(key) ? t(key) : value;
}
