import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { useApp } from '../context';
import { Link } from './Link';

/** The signed-in user's name opening a small menu: profile and sign out. */
export function UserMenu() {
  const { user, signOut } = useApp();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: Event) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!user) return null;
  const initial = (user.display_name || user.login).trim().charAt(0).toUpperCase();
  return (
    <div class="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="user-menu-button"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="user-menu-list"
        // Starts with the visible name, so speech input can say what it sees (WCAG 2.5.3).
        aria-label={t('ui.user_menu.label', { name: user.display_name || user.login })}
        onClick={() => setOpen(!open)}
      >
        {/* The initial is drawn by CSS (::before) so it is not text of the button: the visible
            text then is the name alone, which the accessible name contains (WCAG 2.5.3). */}
        <span class="avatar" aria-hidden="true" data-initial={initial} />
        <span class="user-menu-name">{user.display_name || user.login}</span>
      </button>
      <div id="user-menu-list" class="user-menu-list" hidden={!open}>
        <p class="user-menu-login">{user.login}</p>
        <Link href="/" class="user-menu-item" onClick={() => setOpen(false)}>
          {t('ui.nav.profile')}
        </Link>
        <button type="button" class="user-menu-item" data-testid="logout" onClick={() => { setOpen(false); signOut(); }}>
          {t('ui.auth.logout')}
        </button>
      </div>
    </div>
  );
}
