// A minimal History API router: routes are plain path patterns with :params.
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  search: string;
}

const NAVIGATE_EVENT = 'kenes:navigate';

function currentLocation(): Location {
  return { path: window.location.pathname, search: window.location.search };
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const target = new URL(to, window.location.href);
  const same = target.pathname + target.search === window.location.pathname + window.location.search;
  if (options.replace || same) window.history.replaceState(null, '', target.pathname + target.search + target.hash);
  else window.history.pushState(null, '', target.pathname + target.search + target.hash);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function useLocation(): Location {
  const [location, setLocation] = useState<Location>(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return location;
}

/** matchRoute('/people/:id', '/people/42') -> { id: '42' }; null when it does not match. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const trim = (s: string) => s.replace(/\/+$/, '') || '/';
  const patternParts = trim(pattern).split('/');
  const pathParts = trim(path).split('/');
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const want = patternParts[i];
    const have = pathParts[i];
    if (want.startsWith(':')) {
      if (!have) return null;
      try {
        params[want.slice(1)] = decodeURIComponent(have);
      } catch {
        return null;
      }
    } else if (want !== have) {
      return null;
    }
  }
  return params;
}

/** Only same-site paths may be used as a post-login target (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}
