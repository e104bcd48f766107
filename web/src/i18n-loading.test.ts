// Catalogs are fetched one language at a time (i18n.ts): the UI must never switch to a language
// whose catalog is not there yet (that would show raw keys), and a later switch wins over an
// earlier one whose catalog arrives last.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CATALOG_URLS, catalogs, getLocale, isCatalogLoaded, loadCatalog, registerCatalog, setLocale, t, type Catalog } from './i18n';

const saved = { ...catalogs };

type Reply = { ok: boolean; status: number; json(): Promise<unknown> };
function deferred() {
  let resolve!: (r: Reply) => void;
  const promise = new Promise<Reply>((r) => (resolve = r));
  return { promise, resolve };
}
const ok = (catalog: Catalog): Reply => ({ ok: true, status: 200, json: async () => catalog });

beforeEach(async () => {
  await setLocale('kk');
  registerCatalog('ru', {});
  registerCatalog('en', {});
});

afterEach(async () => {
  vi.unstubAllGlobals();
  registerCatalog('ru', saved.ru);
  registerCatalog('en', saved.en);
  await setLocale('kk');
});

describe('catalogs loaded on demand', () => {
  it('each language has a catalog URL of its own', () => {
    expect(new Set(Object.values(CATALOG_URLS)).size).toBe(3);
    expect(CATALOG_URLS.kk).toMatch(/kk.*\.json/);
  });

  it('switching keeps the old language until the new catalog has arrived', async () => {
    const reply = deferred();
    const fetcher = vi.fn(() => reply.promise);
    vi.stubGlobal('fetch', fetcher);
    const switched = setLocale('ru');
    expect(getLocale()).toBe('kk');
    expect(t('ui.app.name')).toBe(saved.kk['ui.app.name']);
    reply.resolve(ok(saved.ru));
    await switched;
    expect(getLocale()).toBe('ru');
    expect(t('ui.lang.label')).toBe(saved.ru['ui.lang.label']);
    expect(fetcher).toHaveBeenCalledWith(CATALOG_URLS.ru);
  });

  it('fetches a catalog once, however many ask at once, and not again once loaded', async () => {
    const fetcher = vi.fn(async () => ok(saved.en));
    await Promise.all([loadCatalog('en', fetcher), loadCatalog('en', fetcher), loadCatalog('en', fetcher)]);
    await loadCatalog('en', fetcher);
    expect(fetcher).toHaveBeenCalledTimes(1);
    expect(isCatalogLoaded('en')).toBe(true);
  });

  it('the later of two overlapping switches wins whatever order the catalogs arrive in', async () => {
    const ru = deferred();
    const en = deferred();
    vi.stubGlobal('fetch', vi.fn((url: string) => (url === CATALOG_URLS.ru ? ru.promise : en.promise)));
    const first = setLocale('ru');
    const second = setLocale('en');
    en.resolve(ok(saved.en));
    await second;
    ru.resolve(ok(saved.ru));
    await first;
    expect(getLocale()).toBe('en');
  });

  it('a failed fetch keeps the current language and may be retried', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => ({ ok: false, status: 503, json: async () => ({}) })));
    await setLocale('ru');
    expect(getLocale()).toBe('kk');
    expect(isCatalogLoaded('ru')).toBe(false);
    vi.stubGlobal('fetch', vi.fn(async () => ok(saved.ru)));
    await setLocale('ru');
    expect(getLocale()).toBe('ru');
  });
});
