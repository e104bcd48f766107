import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import type { RoleInfo, TokenScope, UserAccount } from '../../types';

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

/** The permissions a user holds through their roles (what a token's scope may be chosen from), sorted. */
export function heldPermissions(roles: readonly RoleInfo[], userRoles: readonly string[]): string[] {
  const held = new Set<string>();
  for (const role of roles) if (userRoles.includes(role.role)) for (const permission of role.permissions) held.add(permission);
  return [...held].sort();
}

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

/** The body of POST /api/v1/users/{id}/tokens: a read-only token, or one limited to the chosen permissions. */
export function tokenRequest(name: string, days: string, mode: 'read' | 'permissions', chosen: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { name: name.trim(), scope: mode === 'read' ? 'read' : [...chosen] };
  const trimmed = days.trim();
  // Anything that is not a whole number goes to the server as typed, which names the problem.
  body.expires_in_days = /^[0-9]+$/.test(trimmed) ? Number(trimmed) : trimmed === '' ? TOKEN_DEFAULT_DAYS : trimmed;
  return body;
}

/** The scope as the list shows it: "read", "all", or the permissions through `label`. */
export function scopeText(scope: TokenScope, labels: { read: string; all: string }, label: (permission: string) => string): string {
  if (scope === 'read') return labels.read;
  if (scope === 'all') return labels.all;
  return scope.map(label).join(', ');
}
