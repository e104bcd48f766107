// A person's overview as the modules contribute it: seats in bodies, sessions ahead, events,
// candidacies. Each section is there only where the server's policy allowed it to the reader
// (the person, their parents, curator, administration), so the page shows what it is given.
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t, tOr } from '../../i18n';
import { CancelledBadge } from '../activities/CancelledBadge';
import type { Overview } from './home';
import { DisciplineRecordSection } from '../discipline/DisciplineRecordSection';
import { HostelOverviewSection } from '../hostel/HostelOverviewSection';
import { AwardsOverviewSection } from '../awards/AwardsOverviewSection';

export function OverviewSections({ overview, own }: { overview: Overview; own: boolean }) {
  const { locale, can } = useApp();
  const linkBodies = can('bodies.read');
  const seats = overview.bodies?.seats ?? [];
  const proposals = overview.bodies?.candidacies ?? [];
  const candidacies = [...(overview.nominations ?? []), ...(overview.candidacies ?? [])];
  return (
    <>
      {overview.attendance && (
        <section class="section card" aria-labelledby="overview-attendance" data-testid="overview-attendance">
          <h2 id="overview-attendance">{t('ui.overview.attendance')}</h2>
          <p>
            {t('ui.overview.attendance_term', {
              term: overview.attendance.term,
              late: overview.attendance.late_days,
              unjustified: overview.attendance.unjustified_days,
              justified: overview.attendance.justified_days,
            })}
          </p>
          <Link href={overview.attendance.link}>{t('ui.overview.attendance_open')}</Link>
        </section>
      )}
      {overview.bodies && (
        <section class="section card" aria-labelledby="overview-bodies" data-testid="overview-bodies">
          <h2 id="overview-bodies">{t(own ? 'ui.overview.my_bodies' : 'ui.overview.bodies')}</h2>
          {seats.length === 0 ? (
            <p class="muted">{t('ui.overview.no_bodies')}</p>
          ) : (
            <ul class="plain-list overview-list">
              {seats.map((seat) => (
                <li key={`${seat.body_id}-${seat.position}`} data-testid="overview-seat">
                  {linkBodies ? <Link href={`/bodies/${seat.body_id}`}>{seat.body}</Link> : <strong>{seat.body}</strong>}
                  <span class="muted">
                    {tOr('body.position.', seat.position)} · {t('ui.overview.since', { date: formatDate(seat.starts_on, locale) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {proposals.length > 0 && (
            <>
              <h3>{t('ui.overview.membership_candidacies')}</h3>
              <ul class="plain-list overview-list">
                {proposals.map((c) => (
                  <li key={String(c.id)}>
                    <span>{c.body}</span>
                    <span class="muted">
                      {tOr('body.position.', c.position)} · {tOr('ui.candidates.status.', c.status)}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {overview.sessions && overview.sessions.length > 0 && (
        <section class="section card" aria-labelledby="overview-sessions" data-testid="overview-sessions">
          <h2 id="overview-sessions">{t('ui.overview.sessions')}</h2>
          <ul class="plain-list overview-list">
            {overview.sessions.map((s) => (
              <li key={String(s.id)}>
                <Link href={`/meetings/${s.id}`}>{t('ui.overview.session', { body: s.body, number: s.number })}</Link>
                <span class="muted">
                  {formatDate(s.held_on, locale)} · {s.place}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {overview.events && (
        <section class="section card" aria-labelledby="overview-events" data-testid="overview-events">
          <h2 id="overview-events">{t('ui.overview.events')}</h2>
          {overview.events.length === 0 ? (
            <p class="muted">{t('ui.overview.no_events')}</p>
          ) : (
            <ul class="plain-list overview-list">
              {overview.events.map((e) => (
                <li key={String(e.id)}>
                  {linkBodies ? <Link href={`/events/${e.id}`}>{e.title}</Link> : <strong>{e.title}</strong>}
                  <span class="muted">
                    {formatDate(e.held_on, locale)}
                    {e.starts_at ? `, ${e.starts_at}` : ''} · {e.place}
                    {e.attended ? ` · ${t('ui.events.attended')}` : ''}
                  </span>
                  {e.cancelled && <CancelledBadge />}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {candidacies.length > 0 && (
        <section class="section card" aria-labelledby="overview-candidacies" data-testid="overview-candidacies">
          <h2 id="overview-candidacies">{t(own ? 'ui.overview.my_candidacies' : 'ui.overview.candidacies')}</h2>
          <ul class="plain-list overview-list">
            {candidacies.map((c) => (
              <li key={String(c.id)}>
                <span>{c.title}</span>
                <span class="muted">
                  {tOr('ui.election.candidate_status.', c.status)} · {tOr('ui.election.phase.', c.phase)} · {formatDate(c.election_day, locale)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* A parent's child is a student; on one's own home the section shows for students (a group) or when something is recorded. */}
      <DisciplineRecordSection personId={overview.id} own={own} hideWhenEmpty={own && overview.group_name == null} />
      <HostelOverviewSection hostel={overview.hostel} />
      <AwardsOverviewSection awards={overview.awards} />
    </>
  );
}
