// An institution's public page (PLAN-4), no sign-in: its bodies with the members' names and
// positions, approved work plans, public events (and their iCalendar feed), approved reports and
// published protocols, each with its verification link, and the latest signed checkpoint of its
// audit log.
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { CancelledBadge } from '../activities/CancelledBadge';
import { directionName } from '../activities/PlansSection';
import { groupedHash, verifyPagePath } from '../bodies/protocol';
import { publicApiPath, type AuditAnchor, type PublicData } from './public';
import { PublicElections } from '../elections/PublicElections';

const publicOrgChartPath = (id: string, lang: string) => `${publicApiPath(id, 'org-chart.svg')}?lang=${encodeURIComponent(lang)}`;

type State = { state: 'loading' } | { state: 'ready'; data: PublicData } | { state: 'failed'; message: string };

export function PublicPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded, setLoaded] = useState<State>({ state: 'loading' });
  const id = params.institutionId;
  useEffect(() => {
    const controller = new AbortController();
    const get = <T,>(part: string) => api.get<T>(publicApiPath(id, part), { signal: controller.signal, allowUnauthenticated: true });
    setLoaded({ state: 'loading' });
    Promise.all([
      get<PublicData['bodies']>('bodies'),
      get<PublicData['plans']>('plans'),
      get<PublicData['events']>('events'),
      get<PublicData['reports']>('reports'),
      get<PublicData['protocols']>('protocols'),
      get<PublicData['anchor']>('audit-anchor'),
    ])
      .then(([bodies, plans, events, reports, protocols, anchor]) =>
        setLoaded({ state: 'ready', data: { bodies, plans, events, reports, protocols, anchor } }),
      )
      .catch((error) => !isAbort(error) && setLoaded({ state: 'failed', message: problemMessage(error) }));
    return () => controller.abort();
  }, [id, locale]);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.public.title')} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const { bodies, plans, events, reports, protocols, anchor } = loaded.data;

  return (
    <>
      <PageHeader title={events.institution || t('ui.public.title')} subtitle={t('ui.public.subtitle')} />
      <PublicElections institutionId={id} />
      <section class="section card" aria-labelledby="public-bodies" data-testid="public-bodies">
        <h2 id="public-bodies">{t('ui.public.bodies')}</h2>
        {bodies.items.length === 0 ? (
          <p class="muted">{t('ui.public.none')}</p>
        ) : (
          <ul class="plain-list">
            {bodies.items.map((body) => (
              <li key={String(body.id)} data-body-id={String(body.id)}>
                <h3>{body.name}</h3>
                {body.members.length > 0 && (
                  <ul class="plain-list public-members">
                    {body.members.map((member) => (
                      <li key={`${member.full_name}-${member.position}`}>
                        {member.full_name} <span class="muted">· {member.position_name}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="section card" aria-labelledby="public-org-chart">
        <h2 id="public-org-chart">{t('ui.org_chart.title')}</h2>
        <div class="org-chart-frame">
          <img key={`${id}-${locale}`} src={publicOrgChartPath(id, locale)} class="org-chart-image" alt={t('ui.org_chart.alt')} data-testid="public-org-chart" />
        </div>
      </section>
      <section class="section card" aria-labelledby="public-plans" data-testid="public-plans">
        <h2 id="public-plans">{t('ui.public.plans')}</h2>
        {plans.items.length === 0 ? (
          <p class="muted">{t('ui.public.none')}</p>
        ) : (
          plans.items.map((plan) => (
            <div key={String(plan.id)} data-plan-id={String(plan.id)}>
              <h3>
                {plan.body} · {t('ui.plans.plan_title', { year: plan.academic_year })}
              </h3>
              <ul class="plain-list">
                {plan.items.map((item, index) => (
                  <li key={index}>
                    {formatDate(item.due_on, locale)} · {directionName(item.direction)} · {item.title} <span class="muted">({t(`ui.plans.item_status.${item.status}`)})</span>
                  </li>
                ))}
              </ul>
            </div>
          ))
        )}
      </section>
      <section class="section card" aria-labelledby="public-events" data-testid="public-events">
        <h2 id="public-events">{t('ui.public.events')}</h2>
        <p>
          <a href={publicApiPath(id, 'events.ics')} data-testid="events-ics">
            {t('ui.public.calendar')}
          </a>
        </p>
        {events.items.length === 0 ? (
          <p class="muted">{t('ui.public.none')}</p>
        ) : (
          <ul class="plain-list">
            {events.items.map((event) => (
              <li key={String(event.id)} data-event-id={String(event.id)}>
                <strong>{event.title}</strong>
                <span class="muted">
                  {' · '}
                  {formatDate(event.held_on, locale)}
                  {event.starts_at ? `, ${event.starts_at}` : ''} · {event.place} · {directionName(event.direction)} · {event.organiser}
                </span>
                {event.cancelled && (
                  <>
                    {' '}
                    <CancelledBadge /> <span class="muted">{t('ui.events.cancelled_reason', { reason: event.cancel_reason ?? '' })}</span>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="section card" aria-labelledby="public-reports" data-testid="public-reports">
        <h2 id="public-reports">{t('ui.public.reports')}</h2>
        {reports.items.length === 0 ? (
          <p class="muted">{t('ui.public.none')}</p>
        ) : (
          <ul class="plain-list">
            {reports.items.map((report) => (
              <li key={String(report.id)} data-report-id={String(report.id)}>
                <strong>
                  {report.body} · {t('ui.reports.item', { kind: report.kind, from: formatDate(report.period_from, locale), to: formatDate(report.period_to, locale) })}
                </strong>
                <p class="muted">
                  {t('report.sessions')}: {report.figures.sessions} · {t('report.decisions_adopted')}: {report.figures.decisions_adopted} · {t('report.events')}:{' '}
                  {report.figures.events_by_direction.reduce((sum, row) => sum + row.events, 0)}
                </p>
                {report.narrative && <p class="report-narrative">{report.narrative}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="section card" aria-labelledby="public-protocols" data-testid="public-protocols">
        <h2 id="public-protocols">{t('ui.public.protocols')}</h2>
        {protocols.items.length === 0 ? (
          <p class="muted">{t('ui.public.none')}</p>
        ) : (
          <ul class="plain-list">
            {protocols.items.map((protocol) => (
              <li key={protocol.verification_code} data-code={protocol.verification_code}>
                <strong>
                  {protocol.body} · {t('protocol.title', { number: protocol.number })}
                </strong>
                <span class="muted"> · {formatDate(protocol.held_on, locale)}</span>
                <ul class="plain-list">
                  {protocol.decisions.map((decision, index) => (
                    <li key={index}>
                      {decision.title}: {decision.motion}
                      {decision.outcome && decision.counts && (
                        <>
                          {' — '}
                          {t(`ui.meeting.outcome.${decision.outcome}`)} ({t('ui.meeting.counts', decision.counts)})
                        </>
                      )}
                    </li>
                  ))}
                </ul>
                <Link href={verifyPagePath(protocol.verification_code)}>{t('ui.public.verify')}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AuditAnchorSection anchor={anchor.anchor} />
    </>
  );
}

// Anyone may note the anchored entry and its hash: the institution's log must keep them
// (`kenes audit verify` checks every anchor), and the signature is checkable with the public key.
function AuditAnchorSection({ anchor }: { anchor: AuditAnchor | null }) {
  const { locale } = useApp();
  return (
    <section class="section card" aria-labelledby="public-audit-anchor" data-testid="public-audit-anchor">
      <h2 id="public-audit-anchor">{t('ui.public.anchor.title')}</h2>
      <p class="muted">{t('ui.public.anchor.explain')}</p>
      {anchor === null ? (
        <p class="muted">{t('ui.public.anchor.none')}</p>
      ) : (
        <dl class="protocol-proof" data-seq={String(anchor.seq)}>
          <dt>{t('ui.public.anchor.entry')}</dt>
          <dd data-testid="anchor-seq">{anchor.seq}</dd>
          <dt>{t('ui.public.anchor.at')}</dt>
          <dd>{formatDateTime(anchor.at, locale)}</dd>
          <dt>{t('ui.public.anchor.hash')}</dt>
          <dd>
            <code class="hash" data-testid="anchor-hash" data-hash={anchor.hash}>
              {groupedHash(anchor.hash)}
            </code>
          </dd>
          <dt>{t('ui.public.anchor.public_key')}</dt>
          <dd>
            <code class="hash">{groupedHash(anchor.public_key)}</code>
          </dd>
          <dt>{t('ui.public.anchor.signature')}</dt>
          <dd>
            <code class="hash">{groupedHash(anchor.signature)}</code>
          </dd>
        </dl>
      )}
    </section>
  );
}
