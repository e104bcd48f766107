import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, withQuery } from '../../api';
import type { Page, RoleInfo, UserAccount } from '../../types';

export function useRoles(): RoleInfo[] {
  const [roles, setRoles] = useState<RoleInfo[]>([]);
  useEffect(() => {
    let live = true;
    api
      .get<{ items: RoleInfo[] }>('/api/v1/roles')
      .then((data) => live && setRoles(data.items))
      .catch(() => live && setRoles([]));
    return () => {
      live = false;
    };
  }, []);
  return roles;
}

const MAX_SCAN_PAGES = 50;

/**
 * The API has no GET /users/{id}: find the account in the list, first by the login the link
 * carried (?login=), then page by page.
 */
export async function findUser(id: string, loginHint: string | null): Promise<UserAccount> {
  const matches = (user: UserAccount) => String(user.id) === id;
  if (loginHint) {
    const page = await api.get<Page<UserAccount>>(withQuery('/api/v1/users', { q: loginHint, limit: 200 }));
    const found = page.items.find(matches);
    if (found) return found;
  }
  for (let pageIndex = 0, offset = 0; pageIndex < MAX_SCAN_PAGES; pageIndex++) {
    const page = await api.get<Page<UserAccount>>(withQuery('/api/v1/users', { limit: 200, offset }));
    const found = page.items.find(matches);
    if (found) return found;
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) break;
  }
  throw new ApiError({ status: 404, code: 'not_found' });
}

export function userHref(user: Pick<UserAccount, 'id' | 'login'>): string {
  return withQuery(`/users/${encodeURIComponent(String(user.id))}`, { login: user.login });
}

/** Toggles `role` in a role list, keeping the catalogue's order for stable display. */
export function toggleRole(roles: readonly string[], role: string, on: boolean, order: readonly string[] = []): string[] {
  const set = new Set(roles);
  if (on) set.add(role);
  else set.delete(role);
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...set].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
