import { describe, expect, it } from 'vitest';
import { catalogs, LOCALES } from '../../i18n';
import type { NotificationDelivery } from '../notifications/notifications';
import { appendPage, mailBadge, readBadge, type NoticeDelivery } from './notice-deliveries';

const delivery = (d: Partial<NotificationDelivery>): NotificationDelivery => ({
  mail_status: 'pending', mailed_at: null, mail_attempts: 0, mail_error: null, read_at: null, ...d,
});

describe('delivery badges', () => {
  it('shows a sent mail with its time', () => {
    expect(mailBadge(delivery({ mail_status: 'sent', mailed_at: '2026-12-05T18:40:00+05:00', mail_attempts: 2, mail_error: 'timeout' })))
      .toEqual({ tone: 'sent', key: 'ui.deliveries.mail.sent', params: { at: '2026-12-05T18:40:00+05:00' } });
  });

  it('gives the reason of a failed mail', () => {
    expect(mailBadge(delivery({ mail_status: 'failed', mail_attempts: 5, mail_error: 'the address was refused' })))
      .toEqual({ tone: 'failed', key: 'ui.deliveries.mail.failed', params: { reason: 'the address was refused' } });
  });

  it('tells a person without an address from a mail that is only waiting', () => {
    expect(mailBadge(delivery({ mail_status: 'no_address' })).tone).toBe('failed');
    expect(mailBadge(delivery({ mail_status: 'no_address' })).key).toBe('ui.deliveries.mail.no_address');
    expect(mailBadge(delivery({})).key).toBe('ui.deliveries.mail.pending');
    expect(mailBadge(delivery({ mail_attempts: 1, mail_error: 'connection refused' })))
      .toEqual({ tone: 'waiting', key: 'ui.deliveries.mail.retrying', params: { reason: 'connection refused' } });
    expect(mailBadge(delivery({ mail_status: 'off' })).key).toBe('ui.deliveries.mail.off');
  });

  it('says when the notice was read, or that it was not', () => {
    expect(readBadge(delivery({ read_at: '2026-12-05T19:00:00+05:00' }))).toEqual({ tone: 'read', key: 'ui.deliveries.read_at', params: { at: '2026-12-05T19:00:00+05:00' } });
    expect(readBadge(delivery({})).tone).toBe('unread');
  });

  it.each(LOCALES)('has every badge text in %s', (locale) => {
    const statuses = ['sent', 'failed', 'no_address', 'off', 'pending'];
    const keys = statuses.map((s) => mailBadge(delivery({ mail_status: s })).key);
    keys.push(mailBadge(delivery({ mail_error: 'x' })).key, readBadge(delivery({})).key, readBadge(delivery({ read_at: 'x' })).key);
    for (const key of keys) expect(catalogs[locale][key], `${locale} ${key}`).toBeTruthy();
  });
});

describe('paging', () => {
  const item = (id: number): NoticeDelivery => ({ id, kind: 'meeting_convened', title: `t${id}`, created_at: '2026-12-05T10:00:00+05:00', delivery: delivery({}) });
  it('appends the next page, each notice once (a new notice shifts the pages)', () => {
    expect(appendPage([item(5), item(4)], [item(4), item(3)]).map((d) => d.id)).toEqual([5, 4, 3]);
  });
});
