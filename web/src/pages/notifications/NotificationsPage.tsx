import { useEffect, useState } from 'preact/hooks';
import { isAbort } from '../../api';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { fetchNotifications, markNotificationRead, type NotificationList } from './notifications';

/** The signed-in person's notifications, newest first, each with "mark as read". */
export function NotificationsPage(_props: RouteProps) {
  const { locale } = useApp();
  const [list, setList] = useState<NotificationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = () =>
    fetchNotifications()
      .then((data) => setList(data))
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));

  useEffect(() => {
    void load();
  }, [locale]);

  const markRead = async (id: string | number) => {
    setBusy(String(id));
    setError(null);
    try {
      await markNotificationRead(id);
      await load();
    } catch (err) {
      setError(problemMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader title={t('ui.notifications.title')} />
      {error && <Alert>{error}</Alert>}
      {!list && !error && <Loading />}
      {list && (
        <p class="muted" data-testid="notifications-unread">
          {t('ui.notifications.unread_count', { count: list.unread })}
        </p>
      )}
      {list && list.items.length === 0 && <p data-testid="notifications-empty">{t('ui.notifications.empty')}</p>}
      {list && list.items.length > 0 && (
        <ul class="plain-list notification-list" data-testid="notifications-list">
          {list.items.map((item) => (
            <li key={String(item.id)} class={item.read ? 'notification is-read' : 'notification is-unread'} data-notification-id={String(item.id)}>
              <p class="notification-message">{item.message}</p>
              <p class="muted">
                <time dateTime={item.created_at}>{formatDateTime(item.created_at, locale)}</time>
                {' · '}
                {item.read ? t('ui.notifications.read') : t('ui.notifications.unread')}
              </p>
              {!item.read && (
                <button type="button" class="button button-secondary" disabled={busy === String(item.id)} onClick={() => markRead(item.id)}>
                  {t('ui.notifications.mark_read')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
