// PLAN-2: a cancelled event stays listed, marked the same way wherever it appears.
import { t } from '../../i18n';

export function CancelledBadge() {
  return <span class="badge badge-event-cancelled">{t('ui.events.cancelled')}</span>;
}
