// "Notices sent" on the person page: which notices reached the person, whether the e-mail went
// out or failed and why, and when they read each. The server decides who may see it and records
// every view (GEN-3); the page shows the section where the person's details are open to the viewer.
import { useEffect, useState } from 'preact/hooks';
import { isAbort } from '../../api';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { appendPage, fetchNoticeDeliveries, mailBadge, readBadge, type Badge, type NoticeDelivery } from './notice-deliveries';

function BadgeView({ badge, testId }: { badge: Badge; testId: string }) {
  const { locale } = useApp();
  const at = badge.params.at ? formatDateTime(badge.params.at, locale) : '';
  return (
    <span class={`badge delivery-badge delivery-${badge.tone}`} data-testid={testId} data-tone={badge.tone}>
      {t(badge.key, { at, reason: badge.params.reason ?? '' })}
    </span>
  );
}

export function NoticeDeliveriesSection({ personId }: { personId: string | number }) {
  const { locale } = useApp();
  const [items, setItems] = useState<NoticeDelivery[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setItems(null);
    setError(null);
    fetchNoticeDeliveries(personId, 0, controller.signal)
      .then((page) => {
        setItems(page.items);
        setTotal(page.total);
      })
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));
    return () => controller.abort();
  }, [personId, locale]);

  const more = async () => {
    if (!items) return;
    setBusy(true);
    try {
      const page = await fetchNoticeDeliveries(personId, items.length);
      setItems(appendPage(items, page.items));
      setTotal(page.total);
    } catch (err) {
      setError(problemMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" data-testid="notice-deliveries">
      <h2>{t('ui.deliveries.title')}</h2>
      <p class="muted">{t('ui.deliveries.hint')}</p>
      {error && <Alert>{error}</Alert>}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p data-testid="notice-deliveries-empty">{t('ui.deliveries.empty')}</p>}
      {items && items.length > 0 && (
        <>
          <p class="muted">{t('ui.deliveries.count', { count: total })}</p>
          <ul class="plain-list delivery-list">
            {items.map((d) => (
              <li key={String(d.id)} class="delivery" data-testid="notice-delivery" data-kind={d.kind} data-mail={d.delivery.mail_status}>
                <p class="delivery-title">{d.title}</p>
                <p class="muted">
                  <time dateTime={d.created_at}>{formatDateTime(d.created_at, locale)}</time>
                </p>
                <p class="delivery-badges">
                  <BadgeView badge={mailBadge(d.delivery)} testId="delivery-mail" />
                  <BadgeView badge={readBadge(d.delivery)} testId="delivery-read" />
                </p>
              </li>
            ))}
          </ul>
          {items.length < total && (
            <button type="button" class="button button-secondary" disabled={busy} onClick={more} data-testid="notice-deliveries-more">
              {t('ui.deliveries.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
