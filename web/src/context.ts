import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from './i18n';
import type { User } from './types';

export interface AppContextValue {
  user: User | null;
  locale: Locale;
  can: (permission: string) => boolean;
  changeLocale: (locale: Locale) => void;
  signedIn: (user: User) => void;
  signOut: () => void;
  /** Re-reads GET /api/v1/me, e.g. after the user changed their own display name. */
  refreshUser: () => Promise<void>;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext.Provider>');
  return value;
}
