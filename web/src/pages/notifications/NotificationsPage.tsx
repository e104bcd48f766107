import { useEffect, useState } from 'preact/hooks';
import { isAbort } from '../../api';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { NotificationSettings } from './NotificationSettings';
import { deliveryKey, fetchNotifications, markNotificationRead, NOTIFICATIONS_ARRIVED, type NotificationItem, type NotificationList } from './notifications';

/** What became of the notice: its e-mail (sent when, or why not) and when it was read. */
function Delivery({ item }: { item: NotificationItem }) {
  const { locale } = useApp();
  const d = item.delivery;
  return (
    <p class="muted notification-delivery" data-testid="notification-delivery">
      {t(deliveryKey(d), { at: d.mailed_at ? formatDateTime(d.mailed_at, locale) : '', attempts: d.mail_attempts })}
      {d.mail_error && d.mail_status !== 'sent' && <> ({d.mail_error})</>}
      {d.read_at && <> · {t('ui.notifications.read_at', { at: formatDateTime(d.read_at, locale) })}</>}
    </p>
  );
}

/** The signed-in person's notices, newest first, each leading to where they act; their e-mail settings. */
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
    window.addEventListener(NOTIFICATIONS_ARRIVED, load);
    return () => window.removeEventListener(NOTIFICATIONS_ARRIVED, load);
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

  // Following a notice's link reads it: the person went to act on it.
  const open = (item: NotificationItem) => {
    if (!item.read) void markNotificationRead(item.id).catch(() => undefined);
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
            <li key={String(item.id)} class={item.read ? 'notification is-read' : 'notification is-unread'} data-notification-id={String(item.id)} data-kind={item.kind}>
              <p class="notification-message">{item.message}</p>
              <p class="muted">
                <time dateTime={item.created_at}>{formatDateTime(item.created_at, locale)}</time>
                {' · '}
                {item.read ? t('ui.notifications.read') : t('ui.notifications.unread')}
              </p>
              <Delivery item={item} />
              <div class="form-actions">
                {item.link && (
                  <Link href={item.link} class="button" onClick={() => open(item)}>
                    {t('ui.notifications.open')}
                  </Link>
                )}
                {!item.read && (
                  <button type="button" class="button button-secondary" disabled={busy === String(item.id)} onClick={() => markRead(item.id)}>
                    {t('ui.notifications.mark_read')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <NotificationSettings />
    </>
  );
}
