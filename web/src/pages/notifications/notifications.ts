import { api } from '../../api';

export interface NotificationItem {
  id: string | number;
  kind: string;
  params: Record<string, unknown>;
  message: string;
  created_at: string;
  read: boolean;
}

export interface NotificationList {
  items: NotificationItem[];
  unread: number;
  limit: number;
  offset: number;
}

export const NOTIFICATIONS_CHANGED = 'kenes:notifications-changed';

export function fetchNotifications(): Promise<NotificationList> {
  return api.get<NotificationList>('/api/v1/me/notifications');
}

export async function markNotificationRead(id: string | number): Promise<void> {
  await api.post(`/api/v1/me/notifications/${encodeURIComponent(String(id))}/read`, {});
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}
