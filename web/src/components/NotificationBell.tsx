import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { useApp } from '../context';
import { fetchNotifications, NOTIFICATIONS_ARRIVED, NOTIFICATIONS_CHANGED, openUnreadStream } from '../pages/notifications/notifications';
import { UnreadFeed } from '../pages/notifications/unread-feed';
import { Link } from './Link';

/**
 * A link to /notifications with the unread count; hidden when nothing is unread. The count is
 * live (the server's stream of the person's notices), so a new notice shows without a reload.
 */
export function NotificationBell({ path }: { path: string }) {
  const { user } = useApp();
  const [unread, setUnread] = useState(0);
  const hasPerson = user?.person_id !== undefined && user?.person_id !== null;

  useEffect(() => {
    if (!hasPerson) return;
    let live = true;
    const load = () =>
      fetchNotifications()
        .then((data) => live && setUnread(data.unread))
        .catch(() => undefined);
    void load();
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      live = false;
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
    };
  }, [hasPerson, path]);

  useEffect(() => {
    if (!hasPerson) return;
    const feed = new UnreadFeed(
      {
        openStream: openUnreadStream,
        setTimer: (run, ms) => window.setTimeout(run, ms),
        clearTimer: (timer) => window.clearTimeout(timer as number),
      },
      (state, arrived) => {
        setUnread(state.unread);
        if (arrived) window.dispatchEvent(new Event(NOTIFICATIONS_ARRIVED));
      },
    );
    feed.start();
    return () => feed.stop();
  }, [hasPerson]);

  if (!hasPerson || unread <= 0) return null;
  return (
    <Link href="/notifications" class="notification-bell" data-testid="notification-bell" aria-label={t('ui.notifications.bell', { count: unread })}>
      <svg class="bell-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
        <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z" />
      </svg>
      <span class="bell-count" aria-hidden="true">
        {unread}
      </span>
    </Link>
  );
}
