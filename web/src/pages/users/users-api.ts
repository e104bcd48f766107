import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import type { RoleInfo, UserAccount } from '../../types';

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

export function fetchUser(id: string, signal?: AbortSignal): Promise<UserAccount> {
  return api.get<UserAccount>(`/api/v1/users/${encodeURIComponent(id)}`, { signal });
}

export function userHref(user: Pick<UserAccount, 'id'>): string {
  return `/users/${encodeURIComponent(String(user.id))}`;
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
