import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, onUnauthenticated, setCsrfToken } from './api';
import { hasPermission, loadSession, signOut as apiSignOut } from './auth';
import { Alert } from './components/Alert';
import { Layout } from './components/Layout';
import { Loading } from './components/Loading';
import { PageHeader } from './components/PageHeader';
import { Link } from './components/Link';
import { AppContext, type AppContextValue } from './context';
import { problemMessage } from './errors';
import { getLocale, isLocale, setLocale, subscribeLocale, t, type Locale } from './i18n';
import { storeLocale } from './locale-pref';
import { matchRoute, navigate, safeNext, useLocation } from './router';
import { ROUTES } from './routes';
import type { Me, User } from './types';

type BootState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; message: string };

export function App() {
  const [locale, setLocaleState] = useState<Locale>(getLocale());
  const [user, setUser] = useState<User | null>(null);
  const [boot, setBoot] = useState<BootState>({ phase: 'loading' });
  const location = useLocation();
  // A language picked on the sign-in page wins over the account's stored one: the person
  // just told us what they read.
  const anonymousChoice = useRef<Locale | null>(null);

  useEffect(() => subscribeLocale(setLocaleState), []);

  const adoptUser = useCallback((next: User) => {
    setUser(next);
    if (isLocale(next.locale)) {
      setLocale(next.locale);
      storeLocale(next.locale);
    }
  }, []);

  const start = useCallback(() => {
    setBoot({ phase: 'loading' });
    loadSession()
      .then((sessionUser) => {
        if (sessionUser) adoptUser(sessionUser);
        setBoot({ phase: 'ready' });
      })
      .catch((error) => setBoot({ phase: 'failed', message: problemMessage(error) }));
  }, [adoptUser]);

  useEffect(start, [start]);

  useEffect(() => {
    onUnauthenticated(() => {
      setCsrfToken(null);
      setUser(null);
      const here = window.location.pathname + window.location.search;
      if (!here.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => onUnauthenticated(null);
  }, []);

  const context = useMemo<AppContextValue>(
    () => ({
      user,
      locale,
      can: (permission) => hasPermission(user, permission),
      changeLocale: (next) => {
        setLocale(next);
        storeLocale(next);
        if (!user) {
          anonymousChoice.current = next;
          return;
        }
        api
          .patch<Me>('/api/v1/me', { locale: next })
          .then((me) => setUser(me.user))
          .catch(() => {
            // The language still changes for this page; only the account setting failed.
          });
      },
      signedIn: (next) => {
        const choice = anonymousChoice.current;
        anonymousChoice.current = null;
        if (choice && choice !== next.locale) {
          setUser({ ...next, locale: choice });
          api
            .patch<Me>('/api/v1/me', { locale: choice })
            .then((me) => setUser(me.user))
            .catch(() => undefined);
        } else {
          adoptUser(next);
        }
      },
      signOut: () => {
        apiSignOut()
          .catch(() => undefined)
          .finally(() => {
            setUser(null);
            navigate('/login', { replace: true });
          });
      },
      refreshUser: async () => {
        const me = await api.get<Me>('/api/v1/me');
        setUser(me.user);
      },
    }),
    [user, locale, adoptUser],
  );

  const matched = useMemo(() => {
    for (const route of ROUTES) {
      const params = matchRoute(route.pattern, location.path);
      if (params) return { route, params };
    }
    return null;
  }, [location.path]);

  const needsSignIn = boot.phase === 'ready' && !user && !(matched?.route.public ?? false);
  const signedInOnLogin = boot.phase === 'ready' && !!user && matched?.route.pattern === '/login';

  useEffect(() => {
    if (needsSignIn) {
      const here = location.path + location.search;
      navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
    } else if (signedInOnLogin) {
      navigate(safeNext(new URLSearchParams(location.search).get('next')), { replace: true });
    }
  }, [needsSignIn, signedInOnLogin, location.path, location.search]);

  // After client-side navigation, move focus to the new page's heading so keyboard and
  // screen-reader users start reading at the new content, not at the link they followed.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    const timer = window.setTimeout(() => {
      const heading = document.getElementById('page-title');
      (heading ?? document.getElementById('main'))?.focus({ preventScroll: false });
    }, 0);
    return () => window.clearTimeout(timer);
  }, [location.path]);

  let content;
  if (boot.phase === 'loading' || needsSignIn || signedInOnLogin) {
    content = <Loading />;
  } else if (boot.phase === 'failed') {
    content = (
      <>
        <PageHeader title={t('ui.error.unavailable_title')} />
        <Alert kind="error">
          <p>{boot.message}</p>
        </Alert>
        <button type="button" class="button" onClick={start}>
          {t('ui.common.retry')}
        </button>
      </>
    );
  } else if (!matched) {
    content = <NotFoundPage />;
  } else if (matched.route.permission && !hasPermission(user, matched.route.permission)) {
    content = <ForbiddenPage />;
  } else {
    const Page = matched.route.component;
    content = <Page params={matched.params} search={location.search} />;
  }

  return (
    <AppContext.Provider value={context}>
      <Layout path={location.path}>{content}</Layout>
    </AppContext.Provider>
  );
}

function NotFoundPage() {
  return (
    <>
      <PageHeader title={t('ui.error.not_found_title')} />
      <p>{t('ui.error.not_found_text')}</p>
      <p>
        <Link href="/">{t('ui.common.go_home')}</Link>
      </p>
    </>
  );
}

function ForbiddenPage() {
  return (
    <>
      <PageHeader title={t('error.forbidden.title')} />
      <Alert kind="warning">
        <p data-testid="forbidden">{t('error.forbidden.detail')}</p>
      </Alert>
      <p>
        <Link href="/">{t('ui.common.go_home')}</Link>
      </p>
    </>
  );
}
