// Where the chosen UI language survives a reload when nobody is signed in. Signed-in users
// keep it on the server (PATCH /api/v1/me) as well, so it follows them between devices.
import { DEFAULT_LOCALE, isLocale, type Locale } from './i18n';

export const LOCALE_STORAGE_KEY = 'kenes.locale';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled by the browser's privacy settings
  }
}

export function readStoredLocale(store: KeyValueStore | null = defaultStore()): Locale | null {
  const value = store?.getItem(LOCALE_STORAGE_KEY);
  return isLocale(value) ? value : null;
}

export function storeLocale(locale: Locale, store: KeyValueStore | null = defaultStore()): void {
  try {
    store?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Quota or privacy mode: the choice then lasts for this page only.
  }
}

export function initialLocale(store: KeyValueStore | null = defaultStore()): Locale {
  return readStoredLocale(store) ?? DEFAULT_LOCALE;
}
