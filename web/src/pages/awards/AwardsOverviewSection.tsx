// The awards of a student's overview (the parent's view of the child, the student's home): the
// personal record of AWD-5, newest first.
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';

export interface AwardsOverview {
  awards: { id: number | string; kind: string; kind_name: string; recipient_name: string; place: number | null; order_number: string; issued_on: string }[];
}

export function AwardsOverviewSection({ awards }: { awards: AwardsOverview | undefined }) {
  const { locale } = useApp();
  if (!awards || awards.awards.length === 0) return null;
  return (
    <section class="section card" aria-labelledby="overview-awards" data-testid="overview-awards">
      <h2 id="overview-awards">{t('ui.awards.overview')}</h2>
      <ul class="plain-list overview-list">
        {awards.awards.map((a) => (
          <li key={String(a.id)} data-testid="overview-award" data-kind={a.kind}>
            <Link href={`/awards/${a.id}`}>
              {a.kind_name}
              {a.place ? ` · ${t('awards.place', { place: a.place })}` : ''}
            </Link>
            <span class="muted">
              {t('ui.awards.order_no', { number: a.order_number })} · {formatDate(a.issued_on, locale)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
