import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import type { Group } from '../../types';

// Groups change rarely; one fetch per page load is enough for filters and forms.
let cached: Promise<Group[]> | null = null;

export function loadGroups(): Promise<Group[]> {
  if (!cached) {
    cached = api
      .get<{ items: Group[] }>('/api/v1/groups')
      .then((page) => page.items)
      .catch((error) => {
        cached = null; // retry next time instead of remembering a failure
        throw error;
      });
  }
  return cached;
}

/** Forget the cache, e.g. after an import created new groups. */
export function invalidateGroups(): void {
  cached = null;
}

export function useGroups(enabled = true): Group[] {
  const [groups, setGroups] = useState<Group[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    loadGroups()
      .then((items) => live && setGroups(items))
      .catch(() => live && setGroups([]));
    return () => {
      live = false;
    };
  }, [enabled]);
  return groups;
}
