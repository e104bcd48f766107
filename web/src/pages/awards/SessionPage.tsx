// The encouragement commission's scoring of a contest (AWD-2..AWD-4): each voting member scores the
// nominees 1..10 except those they are related to (recused: own Shanyrak, kin, themselves); the
// officers close it and the places follow from the mean scores with the stated tie-break.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { navigate } from '../../router';
import { sessionPath, type Award, type Session } from './awards';

function ScoreForm({ s, onSaved }: { s: Session; onSaved: (s: Session) => void }) {
  const recused = new Map(s.me.recusals.map((r) => [String(r.nomination_id), r.reason]));
  const initial: Record<string, string> = {};
  for (const x of s.me.scores) initial[String(x.nomination_id)] = String(x.score);
  const [scores, setScores] = useState<Record<string, string>>(initial);
  const action = useAction(['scores']);
  return (
    <section class="section card" data-testid="score-form">
      <h2>
        {t('ui.awards.my_scores')} <RuleRef rule={s.rule} />
      </h2>
      <p class="muted">{t('ui.awards.score_hint')}</p>
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          await action.run(async () => {
            const list = Object.entries(scores).filter(([id, v]) => v !== '' && !recused.has(id)).map(([id, v]) => ({ nomination_id: Number(id), score: Number(v) }));
            onSaved(await api.put<Session>(sessionPath(s.id, '/scores'), { scores: list }));
          });
        }}
      >
        <ul class="plain-list score-list">
          {s.nominees.map((n) => {
            const why = recused.get(String(n.nomination_id));
            return (
              <li key={String(n.nomination_id)} class="score-row" data-testid="score-row" data-recused={why ?? ''}>
                <label for={`score-${n.nomination_id}`}>
                  <strong>{n.name}</strong>
                  {n.proposed_by_shanyrak_name && <span class="muted"> · {n.proposed_by_shanyrak_name}</span>}
                </label>
                {why ? (
                  <span class="badge badge-recused" data-testid="recused">{t(`ui.awards.recused.${why}`)}</span>
                ) : (
                  <select id={`score-${n.nomination_id}`} name={`score-${n.nomination_id}`} class="input score-input" value={scores[String(n.nomination_id)] ?? ''}
                    onChange={(e) => setScores({ ...scores, [String(n.nomination_id)]: (e.target as HTMLSelectElement).value })}>
                    <option value="">—</option>
                    {[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => <option key={v} value={String(v)}>{v}</option>)}
                  </select>
                )}
              </li>
            );
          })}
        </ul>
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy} data-testid="save-scores">{t('ui.awards.save_scores')}</button>
        </div>
      </form>
    </section>
  );
}

// AWD-5: the principal awards a placed nominee by an order.
function AwardButton({ s, nominationId }: { s: Session; nominationId: number | string }) {
  const action = useAction([]);
  const n = s.nominees.find((x) => String(x.nomination_id) === String(nominationId));
  if (!n) return null;
  if (n.award_id != null) return <Link href={`/awards/${n.award_id}`} data-testid="place-award">{t('ui.awards.awarded')}</Link>;
  return (
    <>
      <button type="button" class="button button-small" disabled={action.busy} data-testid="issue-place-award"
        onClick={() => action.run(async () => {
          const a = await api.post<Award>('/api/v1/awards', {
            kind: s.contest,
            recipient_kind: s.contest === 'student_of_year' ? 'student' : 'shanyrak',
            ...(s.contest === 'student_of_year' ? { student_id: Number(n.student_id) } : { shanyrak_id: Number(n.shanyrak_id) }),
            nomination_id: Number(nominationId),
            reason: t('ui.awards.place_reason', { contest: t(`ui.awards.contest.${s.contest}`), year: s.academic_year }),
          });
          navigate(`/awards/${a.id}`);
        })}>
        {t('ui.awards.award_by_order')}
      </button>
      {action.alert}
    </>
  );
}

function Result({ s }: { s: Session }) {
  const { can } = useApp();
  if (!s.result) return null;
  return (
    <section class="section card" data-testid="session-result">
      <h2>{t('ui.awards.result')}</h2>
      <div class="table-scroll">
        <table class="table">
          <thead>
            <tr>
              <th>{t('ui.awards.place_col')}</th>
              <th>{t('ui.awards.nominee')}</th>
              <th>{t('ui.awards.mean')}</th>
              <th>{t('ui.awards.first_ranks')}</th>
              <th>{t('ui.awards.median')}</th>
            </tr>
          </thead>
          <tbody>
            {s.result.standings.map((r) => (
              <tr key={String(r.nomination_id)} data-testid="standing" data-place={r.place ?? ''}>
                <td>{r.place ? t('awards.place', { place: r.place }) : '—'}</td>
                <td>
                  {r.name}
                  {r.tie_break && <div class="muted small" data-testid="tie-break">{t(`ui.awards.tie_break.${r.tie_break}`)}</div>}
                  {r.place && can('awards.manage') && <div><AwardButton s={s} nominationId={r.nomination_id} /></div>}
                </td>
                <td>{r.mean} ({r.score_count})</td>
                <td>{r.first_ranks}</td>
                <td>{r.median}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted" data-testid="tie-break-rule">{t('awards.tie_break.rule')}</p>
      {s.agenda_item_id && (
        <p>
          <Link href={`/meetings/${s.meeting_id}`}>{t('ui.awards.in_protocol')}</Link>
        </p>
      )}
    </section>
  );
}

export function SessionPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded, , replace] = useResource<Session>(sessionPath(params.id), [locale]);
  const close = useAction([]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.awards.session')} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const s = loaded.data;
  const nameOf = new Map(s.nominees.map((n) => [String(n.nomination_id), n.name]));
  return (
    <div data-testid="award-session" data-status={s.status}>
      <PageHeader title={`${t(`ui.awards.contest.${s.contest}`)} · ${s.academic_year}`}
        subtitle={t('ui.awards.session_meeting', { number: s.meeting_number ?? '', date: formatDate(s.meeting_held_on, locale) })} />
      <p>
        {t(s.contest === 'student_of_year' ? 'ui.awards.places_three' : 'ui.awards.places_one')} <RuleRef rule={s.rule} />
      </p>
      {s.status === 'open' && s.me.voting && <ScoreForm s={s} onSaved={replace} />}
      <section class="section card" data-testid="session-members">
        <h2>{t('ui.awards.members')}</h2>
        <ul class="plain-list overview-list">
          {s.members.map((m) => (
            <li key={String(m.person_id)} data-testid="session-member" data-recused={m.recusals.length > 0 ? 'yes' : 'no'}>
              <span>
                <strong>{m.name}</strong> <span class="muted">{t('ui.awards.scored', { n: m.scored, of: s.nominees.length - m.recusals.length })}</span>
              </span>
              {m.recusals.map((r) => (
                <span key={String(r.nomination_id)} class="muted small">
                  {t('ui.awards.recused_from', { name: nameOf.get(String(r.nomination_id)) ?? '', reason: t(`ui.awards.recused.${r.reason}`) })}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </section>
      <Result s={s} />
      {s.status === 'open' && s.may_run && (
        <section class="section card">
          {close.alert}
          <button type="button" class="button" disabled={close.busy} data-testid="close-session"
            onClick={() => close.run(async () => replace(await api.post<Session>(sessionPath(s.id, '/close'), {})))}>
            {t('ui.awards.close_session')}
          </button>
        </section>
      )}
    </div>
  );
}
