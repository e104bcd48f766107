// A student's discipline record (GET /api/v1/people/{id}/discipline) as the student, their
// representatives (REP-1), curator and the administration see it: penalties with "in force
// until" or "lapsed" (DISC-PEN-6), their part of incidents with the escalation (DISC-ESC-1),
// cases they may read, phones withdrawn (DISC-DEV-1). Absent for anyone the policy refuses.
import { RuleRef } from '../../components/Alert';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { escalationText, kindName, penaltyStateText, recordPath, type DisciplineRecord, type Id } from './discipline';

export function DisciplineRecordSection({ personId, own = false, hideWhenEmpty = false }: { personId: Id; own?: boolean; hideWhenEmpty?: boolean }) {
  const { locale } = useApp();
  const [record] = useResource<DisciplineRecord>(recordPath(personId), [locale, personId]);
  if (record.state !== 'ready') return null; // refused (not theirs to see) or still loading: nothing to show
  const r = record.data;
  const empty = r.penalties.length === 0 && r.incidents.length === 0 && r.cases.length === 0 && r.device_withdrawals.length === 0;
  if (empty && hideWhenEmpty) return null;
  return (
    <section class="section card" aria-labelledby="discipline-record" data-testid="discipline-record" data-in-force={r.penalty_in_force ? 'true' : 'false'}>
      <h2 id="discipline-record">
        {t(own ? 'ui.discipline.my_record' : 'ui.discipline.record_title')} <RuleRef rule="DISC-PEN-6" />
      </h2>
      <p data-testid="record-state">
        {r.penalty_in_force && r.lapses_on ? t('ui.discipline.record_in_force', { date: formatDate(r.lapses_on, locale) }) : t('ui.discipline.record_clear')}
      </p>
      {empty && <p class="muted">{t('ui.discipline.record_empty')}</p>}
      {r.penalties.length > 0 && (
        <>
          <h3>{t('ui.discipline.penalties')}</h3>
          <ul class="plain-list overview-list">
            {r.penalties.map((p) => (
              <li key={String(p.id)} data-testid="record-penalty" data-in-force={p.in_force ? 'true' : 'false'}>
                <span>
                  <strong>{p.measure ? t(`discipline.penalty.${p.measure}`) : p.reason}</strong>{' '}
                  <span class={`badge ${p.in_force ? 'badge-tier-major' : 'badge-lapsed'}`} data-testid="penalty-state">
                    {penaltyStateText(p, locale)}
                  </span>
                </span>
                <span class="muted">
                  {t('ui.discipline.order_title', { number: p.order_number })} · {formatDate(p.imposed_on, locale)}
                  {p.order_id != null && (
                    <>
                      {' · '}
                      <Link href={`/discipline/orders/${p.order_id}`}>{t('ui.discipline.open_order')}</Link>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {r.cases.length > 0 && (
        <>
          <h3>{t('ui.discipline.cases')}</h3>
          <ul class="plain-list overview-list">
            {r.cases.map((c) => (
              <li key={String(c.id)} data-testid="record-case">
                <Link href={`/discipline/cases/${c.id}`}>{t('ui.discipline.case_title', { number: c.number })}</Link>
                <span class="muted">
                  {formatDate(c.opened_on, locale)} · {t(`ui.discipline.status.${c.status}`)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {r.incidents.length > 0 && (
        <>
          <h3>{t('ui.discipline.incidents')}</h3>
          <ul class="plain-list overview-list">
            {r.incidents.map((i) => (
              <li key={String(i.id)} data-testid="record-incident" data-reversed={i.reversed_by_id != null || i.part?.reversed ? 'true' : 'false'}>
                <span>
                  {kindName(locale, i.kind_code)}
                  {i.part && <span class={`badge badge-tier-${i.part.tier}`}>{t(`discipline.tier.${i.part.tier}`)}</span>}
                  {(i.reversed_by_id != null || i.part?.reversed) && <span class="badge badge-reversed">{t('ui.discipline.reversed')}</span>}
                </span>
                <span class="muted">
                  {formatDate(i.occurred_on, locale)} · {i.place}
                  {i.part && i.reverses_id == null ? ` · ${escalationText(i.part, i.occurred_on, locale)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {r.device_withdrawals.length > 0 && (
        <>
          <h3>{t('ui.discipline.phones')}</h3>
          <ul class="plain-list overview-list">
            {r.device_withdrawals.map((d) => (
              <li key={String(d.id)}>
                <span>
                  {formatDate(d.withdrawn_on, locale)} · {d.lesson}
                </span>
                <span class="muted">{d.returned_on ? t('ui.discipline.returned_on', { date: formatDate(d.returned_on, locale) }) : t('ui.discipline.not_returned')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

