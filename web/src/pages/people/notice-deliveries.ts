// A person's delivery record (GET /people/{id}/notice-deliveries): the notices sent to them, what
// became of each one's e-mail, and when they read it. Shown to the administration and the curator
// of the person's group (REP-1 will need it for families).
import { api } from '../../api';
import type { NotificationDelivery } from '../notifications/notifications';

export interface NoticeDelivery {
  id: string | number;
  kind: string;
  /** The title the person received (the mail's subject); never the notice's full text. */
  title: string;
  created_at: string;
  /** mail_status is also "no_address": nothing can be mailed to a person without an address. */
  delivery: NotificationDelivery;
}

export interface NoticeDeliveryPage {
  items: NoticeDelivery[];
  total: number;
  limit: number;
  offset: number;
}

export const DELIVERIES_PAGE = 20;

export function fetchNoticeDeliveries(personId: string | number, offset: number, signal?: AbortSignal): Promise<NoticeDeliveryPage> {
  const path = `/api/v1/people/${encodeURIComponent(String(personId))}/notice-deliveries?limit=${DELIVERIES_PAGE}&offset=${offset}`;
  return api.get<NoticeDeliveryPage>(path, { signal });
}

export type BadgeTone = 'sent' | 'failed' | 'waiting' | 'off' | 'read' | 'unread';

export interface Badge {
  tone: BadgeTone;
  key: string;
  /** Message arguments; `at` holds an ISO time for the caller to format. */
  params: { at?: string; reason?: string };
}

/** What became of the e-mail: sent (when), failed (why), no address, waiting (and why, when retried), off. */
export function mailBadge(d: NotificationDelivery): Badge {
  switch (d.mail_status) {
    case 'sent':
      return { tone: 'sent', key: 'ui.deliveries.mail.sent', params: { at: d.mailed_at ?? '' } };
    case 'failed':
      return { tone: 'failed', key: 'ui.deliveries.mail.failed', params: { reason: d.mail_error ?? '' } };
    case 'no_address':
      return { tone: 'failed', key: 'ui.deliveries.mail.no_address', params: {} };
    case 'off':
      return { tone: 'off', key: 'ui.deliveries.mail.off', params: {} };
    default:
      // A failed attempt that will be retried is still waiting, with the reason of the last one.
      return d.mail_error
        ? { tone: 'waiting', key: 'ui.deliveries.mail.retrying', params: { reason: d.mail_error } }
        : { tone: 'waiting', key: 'ui.deliveries.mail.pending', params: {} };
  }
}

/** Whether (and when) the person read the notice in the app. */
export function readBadge(d: NotificationDelivery): Badge {
  return d.read_at ? { tone: 'read', key: 'ui.deliveries.read_at', params: { at: d.read_at } } : { tone: 'unread', key: 'ui.deliveries.unread', params: {} };
}

/** A next page appended to what is shown: a notice that moved between pages is listed once. */
export function appendPage(shown: NoticeDelivery[], page: NoticeDelivery[]): NoticeDelivery[] {
  const seen = new Set(shown.map((d) => String(d.id)));
  return [...shown, ...page.filter((d) => !seen.has(String(d.id)))];
}
