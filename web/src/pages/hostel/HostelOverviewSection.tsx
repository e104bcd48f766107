// The hostel's part of a student's overview (the parent's view of the child, the student's home):
// their applications, their state and an offer waiting for an answer (HST-RES-1).
import { Link } from '../../components/Link';
import { t } from '../../i18n';

export interface HostelOverview {
  applications: { id: number | string; number: number; academic_year: string; status: string; offer_open: boolean }[];
}

export function HostelOverviewSection({ hostel }: { hostel: HostelOverview | undefined }) {
  if (!hostel || hostel.applications.length === 0) return null;
  return (
    <section class="section card" aria-labelledby="overview-hostel" data-testid="overview-hostel">
      <h2 id="overview-hostel">{t('ui.hostel.title')}</h2>
      <ul class="plain-list overview-list">
        {hostel.applications.map((a) => (
          <li key={String(a.id)} data-testid="overview-hostel-application" data-status={a.status}>
            <Link href={`/hostel/applications/${a.id}`}>{t('ui.hostel.application.title', { number: a.number, year: a.academic_year })}</Link>
            <span class="muted">
              {t(`ui.hostel.status.${a.status}`)}
              {a.offer_open ? ` · ${t('ui.hostel.offer.waiting')}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
