// Session handling: who is signed in, with which permissions, and the CSRF token that every
// state-changing request must carry.
import { api, setCsrfToken } from './api';
import type { LoginResponse, Me, SessionInfo, User } from './types';

export async function loadSession(): Promise<User | null> {
  const session = await api.get<SessionInfo>('/api/v1/session', { allowUnauthenticated: true });
  if (!session.authenticated) {
    setCsrfToken(null);
    return null;
  }
  setCsrfToken(session.csrf_token);
  return session.user;
}

export async function signIn(login: string, password: string): Promise<User> {
  const response = await api.post<LoginResponse>('/api/v1/session', { login, password }, { allowUnauthenticated: true });
  setCsrfToken(response.csrf_token);
  return response.user;
}

export async function signOut(): Promise<void> {
  try {
    await api.delete('/api/v1/session', { allowUnauthenticated: true });
  } finally {
    setCsrfToken(null);
  }
}

export function fetchMe(): Promise<Me> {
  return api.get<Me>('/api/v1/me');
}

export function hasPermission(user: User | null | undefined, permission: string): boolean {
  return !!user && Array.isArray(user.permissions) && user.permissions.includes(permission);
}
