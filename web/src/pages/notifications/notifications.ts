import { api, readEventStream } from '../../api';

/** What became of a notice's e-mail copy, and when the person read it. */
export interface NotificationDelivery {
  /** pending: waiting (e.g. for the hourly digest, or a retry); off: the person chose no mail. */
  mail_status: 'pending' | 'sent' | 'failed' | 'off' | string;
  mailed_at: string | null;
  mail_attempts: number;
  mail_error: string | null;
  read_at: string | null;
}

export interface NotificationItem {
  id: string | number;
  kind: string;
  params: Record<string, unknown>;
  message: string;
  created_at: string;
  read: boolean;
  /** The page where the person acts on it. */
  link: string | null;
  delivery: NotificationDelivery;
}

export interface NotificationList {
  items: NotificationItem[];
  unread: number;
  limit: number;
  offset: number;
}

export interface NotificationSetting {
  kind: string;
  mail: boolean;
  mail_by_default: boolean;
}

export const NOTIFICATIONS_CHANGED = 'kenes:notifications-changed';
/** A new notice arrived (the bell heard it): the notices page reloads its list. */
export const NOTIFICATIONS_ARRIVED = 'kenes:notifications-arrived';

export function fetchNotifications(): Promise<NotificationList> {
  return api.get<NotificationList>('/api/v1/me/notifications');
}

export async function markNotificationRead(id: string | number): Promise<void> {
  await api.post(`/api/v1/me/notifications/${encodeURIComponent(String(id))}/read`, {});
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

export function fetchNotificationSettings(): Promise<{ items: NotificationSetting[] }> {
  return api.get<{ items: NotificationSetting[] }>('/api/v1/me/notification-settings');
}

export function putNotificationSetting(kind: string, mail: boolean): Promise<{ items: NotificationSetting[] }> {
  return api.put<{ items: NotificationSetting[] }>('/api/v1/me/notification-settings', { kind, mail });
}

/** The live stream of the unread count, for UnreadFeed. */
export function openUnreadStream(onUpdate: (data: string) => void, signal: AbortSignal): Promise<void> {
  return readEventStream(
    '/api/v1/me/notifications/events',
    (event) => {
      if (event.event === 'update') onUpdate(event.data);
    },
    signal,
  );
}

/** The catalog key of a notice's e-mail state as the person reads it. */
export function deliveryKey(delivery: NotificationDelivery): string {
  if (delivery.mail_status === 'sent') return 'ui.notifications.mail.sent';
  if (delivery.mail_status === 'off') return 'ui.notifications.mail.off';
  if (delivery.mail_status === 'failed') return 'ui.notifications.mail.failed';
  if (delivery.mail_error) return 'ui.notifications.mail.retrying';
  return 'ui.notifications.mail.pending';
}
