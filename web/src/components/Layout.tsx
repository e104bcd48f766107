import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { useApp } from '../context';
import { activeNavPath, visibleNavItems } from '../nav';
import { LanguageSwitch } from './LanguageSwitch';
import { Link } from './Link';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

interface LayoutProps {
  path: string;
  children: ComponentChildren;
}

export function Layout({ path, children }: LayoutProps) {
  const { user } = useApp();
  const [menuOpen, setMenuOpen] = useState(false);
  const items = visibleNavItems(user?.permissions ?? []);
  const active = activeNavPath(path);

  // A followed link closes the phone menu.
  useEffect(() => setMenuOpen(false), [path]);

  return (
    <div class="layout">
      <a class="skip-link" href="#main">
        {t('ui.a11y.skip_to_content')}
      </a>
      <header class="app-header">
        <div class="header-inner">
          {user && items.length > 0 && (
            <button
              type="button"
              class="menu-toggle"
              aria-expanded={menuOpen ? 'true' : 'false'}
              aria-controls="main-nav"
              onClick={() => setMenuOpen(!menuOpen)}
            >
              <span class="menu-icon" aria-hidden="true" />
              <span class="visually-hidden">{t('ui.nav.menu')}</span>
            </button>
          )}
          <Link href="/" class="brand">
            <img class="brand-mark" src="/favicon.svg" alt="" width={28} height={28} />
            <span class="brand-name">{t('ui.app.name')}</span>
          </Link>
          <div class="header-tools">
            <LanguageSwitch />
            {user && <NotificationBell path={path} />}
            {user && <UserMenu />}
          </div>
        </div>
        {user && items.length > 0 && (
          <nav id="main-nav" class={`main-nav${menuOpen ? ' is-open' : ''}`} aria-label={t('ui.nav.label')}>
            <ul>
              {items.map((item) => (
                <li key={item.path}>
                  <Link href={item.path} aria-current={active === item.path ? 'page' : undefined} data-nav={item.path}>
                    {t(item.labelKey)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} class="main">
        {children}
      </main>
      <footer class="app-footer">
        <p>{t('ui.app.footer')}</p>
      </footer>
    </div>
  );
}
