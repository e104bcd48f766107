import { describe, expect, it } from 'vitest';
import { initialLocale, LOCALE_STORAGE_KEY, readStoredLocale, storeLocale } from './locale-pref';

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

describe('locale preference', () => {
  it('defaults to Kazakh', () => {
    expect(initialLocale(memoryStore())).toBe('kk');
    expect(initialLocale(null)).toBe('kk');
  });

  it('remembers a valid choice and ignores junk', () => {
    const store = memoryStore();
    storeLocale('ru', store);
    expect(store.getItem(LOCALE_STORAGE_KEY)).toBe('ru');
    expect(readStoredLocale(store)).toBe('ru');
    expect(initialLocale(memoryStore({ [LOCALE_STORAGE_KEY]: 'de' }))).toBe('kk');
  });

  it('a store that throws does not break the app', () => {
    const throwing = { getItem: () => null, setItem: () => { throw new Error('quota'); } };
    expect(() => storeLocale('en', throwing)).not.toThrow();
  });
});
