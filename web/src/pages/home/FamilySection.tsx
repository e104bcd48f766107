// REP-1 on a parent's view of their child: the notices the family received (behaviour, progress,
// discipline, hostel, and awards once that module sends them), each with its delivery (mailed,
// failed, read); and the way to the child's hostel conditions. Hook for awards: the rewards module
// adds its person-overview section ("awards"), shown by OverviewSections with the others.
import { useEffect, useState } from 'preact/hooks';
import { isAbort } from '../../api';
import { RuleRef } from '../../components/Alert';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { deliveryKey, fetchNotifications, type NotificationItem } from '../notifications/notifications';

export function FamilySection() {
  const { locale, can } = useApp();
  const [items, setItems] = useState<NotificationItem[] | null>(null);
  useEffect(() => {
    let live = true;
    fetchNotifications()
      .then((list) => live && setItems(list.items.slice(0, 10)))
      .catch((err) => live && !isAbort(err) && setItems([]));
    return () => {
      live = false;
    };
  }, [locale]);
  return (
    <section class="section card" data-testid="family-notices" aria-labelledby="family-notices-title">
      <h2 id="family-notices-title">
        {t('ui.overview.family_notices')} <RuleRef rule="REP-1" />
      </h2>
      {items && items.length === 0 && <p class="muted">{t('ui.overview.family_notices_none')}</p>}
      {items && items.length > 0 && (
        <ul class="plain-list">
          {items.map((n) => (
            <li key={String(n.id)} data-kind={n.kind}>
              {n.link ? <Link href={n.link}>{n.message}</Link> : n.message}
              <br />
              <span class="muted">
                {formatDateTime(n.created_at, locale)} · {t(deliveryKey(n.delivery), { at: n.delivery.mailed_at ? formatDateTime(n.delivery.mailed_at, locale) : '', attempts: n.delivery.mail_attempts })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/notifications">{t('ui.overview.family_notices_all')}</Link>
        {can('hostel.read') && (
          <>
            {' · '}
            <Link href="/hostel/my" data-testid="family-hostel">{t('ui.overview.family_hostel')}</Link>
          </>
        )}
      </p>
    </section>
  );
}
