// UI translations. The catalogs in web/locales are shared with the C++ server: keys error.*,
// field.* and import.* are the server's, ui.* are ours. Messages are ICU MessageFormat so
// plurals follow each language's rules (Russian one/few/many, Kazakh one/other).
//
// Only the current language's catalog is loaded: each is a hashed JSON asset fetched on demand
// (together they weigh more than the rest of the UI), and switching language fetches the other
// one before the switch, so the page never shows raw keys.
import { IntlMessageFormat } from 'intl-messageformat';
import kkUrl from '../locales/kk.json?url';
import ruUrl from '../locales/ru.json?url';
import enUrl from '../locales/en.json?url';

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'kk';
export type Catalog = Record<string, string>;
export type MessageValues = Record<string, string | number | boolean | Date | null | undefined>;

/** Loaded catalogs; an empty one is not loaded yet. */
export const catalogs: Record<Locale, Catalog> = { kk: {}, ru: {}, en: {} };
export const CATALOG_URLS: Record<Locale, string> = { kk: kkUrl, ru: ruUrl, en: enUrl };

export function isCatalogLoaded(locale: Locale): boolean {
  return Object.keys(catalogs[locale]).length > 0;
}

/** Installs a catalog (fetched, or imported directly by the unit tests). */
export function registerCatalog(locale: Locale, catalog: Catalog): void {
  catalogs[locale] = catalog;
  for (const key of compiled.keys()) if (key.startsWith(`${locale}\u0000`)) compiled.delete(key);
}

type Fetcher = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
const pending = new Map<Locale, Promise<void>>();

/** Fetches a catalog once; concurrent callers share the request, a failed one may be retried. */
export function loadCatalog(locale: Locale, fetcher: Fetcher = (url) => fetch(url)): Promise<void> {
  if (isCatalogLoaded(locale)) return Promise.resolve();
  let request = pending.get(locale);
  if (!request) {
    request = fetcher(CATALOG_URLS[locale])
      .then(async (response) => {
        if (!response.ok) throw new Error(`catalog ${locale}: HTTP ${response.status}`);
        registerCatalog(locale, (await response.json()) as Catalog);
      })
      .finally(() => pending.delete(locale));
    pending.set(locale, request);
  }
  return request;
}

const compiled = new Map<string, IntlMessageFormat>();

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

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
// The language last asked for: when two switches overlap, the later one wins whatever order
// their catalogs arrive in.
let requested: Locale = DEFAULT_LOCALE;
const listeners = new Set<(locale: Locale) => void>();

export function getLocale(): Locale {
  return current;
}

/**
 * Switches the UI language once its catalog is there: at once when it is loaded, otherwise after
 * fetching it (the page keeps the old language meanwhile). A failed fetch keeps the old language.
 */
export function setLocale(locale: Locale): Promise<void> {
  requested = locale;
  if (isCatalogLoaded(locale)) {
    apply(locale);
    return Promise.resolve();
  }
  return loadCatalog(locale).then(
    () => {
      if (requested === locale) apply(locale);
    },
    () => {
      if (requested === locale) requested = current;
    },
  );
}

function apply(locale: Locale): void {
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
