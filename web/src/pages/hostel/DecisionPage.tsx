// A decision of the Hostel Allocation Commission: the lines of the allocation with their
// deviations and reasons, or the bumping of one resident (HST-BUMP-1); recorded only once the
// session adopted its agenda item (MTG-4), then the principal's order.
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useAbilities, useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { hostelPath, type Decision } from './hostel';

export function DecisionPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [decision, , replace] = useResource<Decision>(hostelPath('decisions', params.id), [locale]);
  const may = useAbilities('hostel_decision', params.id);
  const action = useAction();
  if (decision.state === 'loading') return <Loading />;
  if (decision.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.hostel.decision.title')} />
        <Alert>{decision.message}</Alert>
      </>
    );
  const d = decision.data;
  return (
    <div data-testid="hostel-decision" data-decided={d.decided_at ? 'true' : 'false'}>
      <PageHeader title={t(d.kind === 'bumping' ? 'ui.hostel.decision.bumping_title' : 'ui.hostel.decision.title')} subtitle={d.session?.body} />
      <p>
        <Link href={`/hostel/campaigns/${d.campaign_id}`}>{t('ui.hostel.decision.campaign')}</Link>
      </p>
      <section class="section card">
        <dl class="facts facts-pairs">
          {d.session && (
            <>
              <dt>{t('ui.hostel.decision.session')}</dt>
              <dd>{t('ui.hostel.allocation.meeting_option', { number: d.session.number, date: formatDate(d.session.held_on, locale) })}</dd>
            </>
          )}
          <dt>
            {t('ui.hostel.decision.vote')} <RuleRef rule="MTG-4" />
          </dt>
          <dd data-testid="hostel-item-outcome">{d.item_outcome ? t(`ui.hostel.decision.outcome_${d.item_outcome}`) : t('ui.hostel.decision.not_voted')}</dd>
          <dt>{t('ui.hostel.decision.recorded_at')}</dt>
          <dd>{d.decided_at ? formatDateTime(d.decided_at, locale) : '—'}</dd>
          {d.order_number && (
            <>
              <dt>{t('ui.hostel.decision.order_number')}</dt>
              <dd data-testid="hostel-order-number">
                {d.snapshot?.order_id ? <Link href={`/hostel/orders/${String(d.snapshot.order_id)}`}>{d.order_number}</Link> : d.order_number}
              </dd>
            </>
          )}
        </dl>
        {!d.decided_at && may('hostel_decision.adopt') && (
          <>
            <p class="muted">{t('ui.hostel.decision.adopt_hint')}</p>
            {action.alert}
            <div class="form-actions">
              <button type="button" class="button" disabled={action.busy} data-testid="hostel-adopt"
                onClick={() => action.run(async () => replace(await api.post<Decision>(hostelPath('decisions', d.id, 'adopt'), {})))}>
                {t('ui.hostel.decision.adopt')}
              </button>
            </div>
          </>
        )}
        {d.session && (
          <p>
            <Link href={`/meetings/${d.session.meeting_id}`} data-testid="hostel-session-link">
              {t('ui.hostel.decision.to_session')}
            </Link>
          </p>
        )}
      </section>
      {d.lines.length > 0 && (
        <section class="section card" data-testid="hostel-decision-lines">
          <h2>{t('ui.hostel.allocation.lines')}</h2>
          <div class="table-scroll">
            <table class="table table-compact">
              <thead>
                <tr>
                  <th>{t('ui.hostel.allocation.rank')}</th>
                  <th>{t('hostel.application.student')}</th>
                  <th>{t('hostel.application.group')}</th>
                  <th>{t('ui.hostel.allocation.outcome')}</th>
                  <th>{t('ui.hostel.allocation.deviation')}</th>
                </tr>
              </thead>
              <tbody>
                {d.lines.map((l) => (
                  <tr key={String(l.application_id)} data-testid="hostel-decision-line" data-outcome={l.outcome}>
                    <td>{l.rank}</td>
                    <td>
                      <Link href={`/hostel/applications/${l.application_id}`}>{l.student_name}</Link>
                    </td>
                    <td>{l.priority_group}</td>
                    <td>{t(`ui.hostel.outcome.${l.outcome}`)}</td>
                    <td>{l.deviation_reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
