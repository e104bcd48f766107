import { useEffect, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { problemMessage } from '../../errors';
import type { Page, PersonSummary } from '../../types';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; data: T };

/** GET a `{ items: [...] }` list; `reload()` fetches it again after a change. */
export function useList<T>(path: string, deps: unknown[] = []): [Loaded<T[]>, () => Promise<void>] {
  const [loaded, setLoaded] = useState<Loaded<T[]>>({ state: 'loading' });
  const reload = async () => {
    try {
      const page = await api.get<{ items: T[] }>(path);
      setLoaded({ state: 'ready', data: page.items });
    } catch (error) {
      setLoaded({ state: 'failed', message: problemMessage(error) });
    }
  };
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ items: T[] }>(path, { signal: controller.signal })
      .then((page) => setLoaded({ state: 'ready', data: page.items }))
      .catch((error) => !isAbort(error) && setLoaded({ state: 'failed', message: problemMessage(error) }));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, ...deps]);
  return [loaded, reload];
}

const STAFF_PAGE = 200;
const STAFF_MAX_PAGES = 5;

/**
 * Names of the staff (curators are staff), id -> full name. From the directory list rather than
 * GET /people/{id}: that would log a sensitive read in the audit log for every curator shown.
 * Null while loading.
 */
export function useStaffNames(enabled: boolean): Map<string, string> | null {
  const [names, setNames] = useState<Map<string, string> | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    (async () => {
      const found = new Map<string, string>();
      for (let page = 0, offset = 0; page < STAFF_MAX_PAGES; page++) {
        const answer = await api.get<Page<PersonSummary>>(withQuery('/api/v1/people', { kind: 'staff', limit: STAFF_PAGE, offset }), { signal: controller.signal });
        for (const person of answer.items) found.set(String(person.id), person.full_name);
        offset += answer.items.length;
        if (answer.items.length === 0 || offset >= answer.total) break;
      }
      setNames(found);
    })().catch((error) => !isAbort(error) && setNames(new Map()));
    return () => controller.abort();
  }, [enabled]);
  return names;
}
