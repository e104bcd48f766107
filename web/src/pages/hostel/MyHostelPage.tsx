// The family's hostel page: the routine (HST-DAY-1) and the residence of the student or of each
// child, with what waits for them (a certificate to sign, a violation to sign or explain).
import { Fragment } from 'preact';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import type { Resident, Routine } from './residence';

export function MyHostelPage(_props: RouteProps) {
  const { locale } = useApp();
  const [loaded] = useResource<{ items: Resident[]; routine: Routine }>('/api/v1/hostel/my-residence', [locale]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <Alert>{loaded.message}</Alert>;
  const { items, routine } = loaded.data;
  return (
    <>
      <PageHeader title={t('ui.hostel.residents.my_title')} />
      <section class="section card" data-testid="routine">
        <h2>{t('ui.hostel.routine.title')}</h2>
        <dl class="facts facts-pairs">
          {(['opens', 'closes', 'gadgets_off', 'lights_out'] as const).map((k) => (
            <Fragment key={k}>
              <dt>{t(`ui.hostel.routine.${k}`)}</dt>
              <dd>{routine[k]}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      {items.length === 0 && <p class="empty">{t('ui.hostel.residents.not_resident')}</p>}
      {items.map((r) => (
        <section class="section card" key={String(r.id)}>
          <h2>
            <Link href={`/hostel/residents/${r.id}`}>{r.student_name}</Link>
          </h2>
          <p>
            {r.place} · {t('ui.hostel.residents.settled_on')}: {formatDate(r.settled_on, locale)}
            {r.evicted_on ? ` · ${t('ui.hostel.residents.eviction')}: ${formatDate(r.evicted_on, locale)}` : ''}
          </p>
          {r.certificate && !r.certificate.signed_at && <p class="flag flag-warning">{t('ui.hostel.residents.awaiting_signature')}</p>}
          {(r.violations ?? []).length > 0 && (
            <p>
              {t('ui.hostel.violation.count', { count: (r.violations ?? []).filter((v) => v.academic_year === r.academic_year).length })}
            </p>
          )}
        </section>
      ))}
    </>
  );
}
