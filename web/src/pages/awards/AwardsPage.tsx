// Rewards (AWD-1..AWD-5): the deadline of the year's nominations, the nominations of "Student of
// the year" and "Best Shanyrak" with their discussions, the encouragement commissions' scoring
// sessions, and the awards the principal issued. Phone-first: one column of cards.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { useResource } from '../bodies/bodies-api';
import type { BodySummary } from '../bodies/bodies-types';
import { useAction } from '../elections/parts';
import type { Award, AwardKind, Deadline, Nomination, Session } from './awards';

export function NominationCard({ n }: { n: Nomination }) {
  const { locale } = useApp();
  return (
    <li class="card nomination" data-testid="nomination" data-status={n.status} data-contest={n.contest}>
      <p>
        <strong>{n.nominee_name}</strong> <span class={`badge badge-${n.status}`}>{t(`ui.awards.status.${n.status}`)}</span>
      </p>
      <p class="muted">
        {t(`ui.awards.contest.${n.contest}`)}
        {n.proposed_by_shanyrak_name ? ` · ${n.proposed_by_shanyrak_name}` : ''}
        {n.presented_on ? ` · ${t('ui.awards.presented_on', { date: formatDate(n.presented_on, locale) })}` : ''}
      </p>
      <p class="pre-line">{n.motivation}</p>
      <ul class="plain-list discussions">
        {n.discussions.map((d) => (
          <li key={String(d.id)} data-forum={d.forum} data-supported={String(d.supported)}>
            {t(`ui.awards.forum.${d.forum}`)}
            {d.shanyrak_name ? ` (${d.shanyrak_name})` : ''}, {formatDate(d.held_on, locale)}: {t(d.supported ? 'ui.awards.supported' : 'ui.awards.not_supported')} — {d.decision}
          </li>
        ))}
      </ul>
      {n.status === 'disagreement' && <UnionDecision n={n} />}
    </li>
  );
}

// AWD-4: the Shanyrak unions decide a disagreement over a Shanyrak.
function UnionDecision({ n }: { n: Nomination }) {
  const [decision, setDecision] = useState('');
  const [heldOn, setHeldOn] = useState(new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 10));
  const action = useAction(['decision', 'held_on']);
  const send = (supported: boolean) =>
    action.run(async () => {
      await api.post(`/api/v1/awards/nominations/${n.id}/discussions`, { forum: 'shanyrak_union', held_on: heldOn, supported, decision });
      location.reload();
    });
  return (
    <form class="form" noValidate data-testid="union-decision" onSubmit={(e) => e.preventDefault()}>
      <p>
        {t('ui.awards.union_hint')} <RuleRef rule="AWD-4" />
      </p>
      <TextField label={t('ui.awards.held_on')} name="held_on" type="date" value={heldOn} onValue={setHeldOn} error={action.errors.fields.held_on} required />
      <TextAreaField label={t('ui.awards.decision')} name="decision" value={decision} onValue={setDecision} error={action.errors.fields.decision} required />
      {action.alert}
      <div class="form-actions">
        <button type="button" class="button" disabled={action.busy} onClick={() => send(true)}>{t('ui.awards.union_supports')}</button>
        <button type="button" class="button button-secondary" disabled={action.busy} onClick={() => send(false)}>{t('ui.awards.union_rejects')}</button>
      </div>
    </form>
  );
}

function Commissions() {
  const { locale } = useApp();
  const [bodies] = useResource<{ items: BodySummary[] }>('/api/v1/bodies', [locale]);
  if (bodies.state !== 'ready') return null;
  const commissions = bodies.data.items.filter((b) => b.template === 'encouragement_commission');
  if (commissions.length === 0) return <Alert kind="warning">{t('ui.awards.no_commission')}</Alert>;
  return (
    <>
      {commissions.map((c) => (
        <CommissionSessions key={String(c.id)} commission={c} />
      ))}
    </>
  );
}

function CommissionSessions({ commission }: { commission: BodySummary }) {
  const { locale } = useApp();
  const [sessions] = useResource<{ items: Session[] }>(`/api/v1/awards/commissions/${commission.id}/sessions`, [locale]);
  const [meetings] = useResource<{ items: { id: number | string; number: number; held_on: string; status: string }[] }>(`/api/v1/bodies/${commission.id}/meetings`, [locale]);
  const [meeting, setMeeting] = useState('');
  const [contest, setContest] = useState('student_of_year');
  const action = useAction(['meeting_id', 'contest']);
  if (sessions.state === 'failed') return null;   // not a member: the commission's work is confidential
  const open = meetings.state === 'ready' ? meetings.data.items.filter((m) => m.status !== 'closed') : [];
  const chosen = meeting || String(open[0]?.id ?? '');
  return (
    <section class="section card" data-testid="commission-sessions">
      <h2>{commission.name}</h2>
      {sessions.state === 'loading' ? (
        <Loading />
      ) : sessions.data.items.length === 0 ? (
        <p class="muted">{t('ui.awards.no_sessions')}</p>
      ) : (
        <ul class="plain-list">
          {sessions.data.items.map((s) => (
            <li key={String(s.id)} data-status={s.status}>
              <Link href={`/awards/sessions/${s.id}`}>{t(`ui.awards.contest.${s.contest}`)} · {s.academic_year}</Link>{' '}
              <span class="muted">{t(`ui.awards.session_status.${s.status}`)} · {formatDate((s as unknown as { meeting_held_on: string }).meeting_held_on, locale)}</span>
            </li>
          ))}
        </ul>
      )}
      {open.length > 0 && (
        <form
          class="form"
          noValidate
          data-testid="open-session"
          onSubmit={async (e) => {
            e.preventDefault();
            let id: string | null = null;
            await action.run(async () => {
              const s = await api.post<Session>(`/api/v1/awards/commissions/${commission.id}/sessions`, { meeting_id: Number(chosen), contest });
              id = String(s.id);
            });
            if (id) navigate(`/awards/sessions/${id}`);
          }}
        >
          <SelectField label={t('ui.awards.meeting')} name="meeting_id" value={chosen} onValue={setMeeting}
            options={open.map((m) => ({ value: String(m.id), label: `№ ${m.number} · ${formatDate(m.held_on, locale)}` }))} error={action.errors.fields.meeting_id} required />
          <SelectField label={t('ui.awards.contest')} name="contest" value={contest} onValue={setContest}
            options={['student_of_year', 'shanyrak_of_year'].map((c) => ({ value: c, label: t(`ui.awards.contest.${c}`) }))} error={action.errors.fields.contest} required />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>{t('ui.awards.open_session')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

// AWD-5: the principal issues an award (and its order).
function IssueAward({ onIssued }: { onIssued: (a: Award) => void }) {
  const { locale } = useApp();
  const [kinds] = useResource<{ items: AwardKind[] }>('/api/v1/awards/kinds', [locale]);
  const [kind, setKind] = useState('letter_of_gratitude');
  const [student, setStudent] = useState<PickedPerson | null>(null);
  const [reason, setReason] = useState('');
  const [publish, setPublish] = useState(false);
  const action = useAction(['kind', 'student_id', 'reason', 'nomination_id', 'recipient_kind']);
  const options = kinds.state === 'ready' ? kinds.data.items.filter((k) => !k.contest).map((k) => ({ value: k.code, label: k.name ?? t(`awards.kind.${k.code}`) })) : [];
  return (
    <section class="section card" data-testid="issue-award">
      <h2>
        {t('ui.awards.issue')} <RuleRef rule="AWD-5" />
      </h2>
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!student) return action.fail('student_id', t('ui.awards.student_required'));
          await action.run(async () => {
            onIssued(await api.post<Award>('/api/v1/awards', { kind, recipient_kind: 'student', student_id: Number(student.id), reason, published: publish }));
          });
        }}
      >
        <SelectField label={t('ui.awards.kind')} name="kind" value={kind} onValue={setKind} options={options} error={action.errors.fields.kind} required />
        <PersonPicker label={t('ui.awards.student')} name="student_id" kind="student" value={student} onValue={setStudent} error={action.errors.fields.student_id} required />
        <TextAreaField label={t('ui.awards.reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} required />
        <CheckboxField name="published" label={t('ui.awards.publish')} checked={publish} onChecked={setPublish} />
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy}>{t('ui.awards.issue_button')}</button>
        </div>
      </form>
    </section>
  );
}

export function AwardsList({ awards }: { awards: Award[] }) {
  const { locale } = useApp();
  if (awards.length === 0) return <p class="muted">{t('ui.awards.none')}</p>;
  return (
    <ul class="plain-list overview-list" data-testid="awards-list">
      {awards.map((a) => (
        <li key={String(a.id)} data-testid="award" data-kind={a.kind}>
          <Link href={`/awards/${a.id}`}>
            {a.kind_name}
            {a.place ? ` · ${t('awards.place', { place: a.place })}` : ''}
          </Link>
          <span class="muted">
            {a.recipient_name} · {t('ui.awards.order_no', { number: a.order_number })} · {formatDate(a.issued_on, locale)}
            {a.published ? ` · ${t('ui.awards.published')}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function AwardsPage() {
  const { locale, can } = useApp();
  const [nominations, reload] = useResource<{ items: Nomination[]; deadline: Deadline }>('/api/v1/awards/nominations', [locale]);
  const [awards, reloadAwards] = useResource<{ items: Award[] }>(can('awards.manage') ? '/api/v1/awards' : null, [locale]);
  const [filter, setFilter] = useState<'all' | 'student_of_year' | 'shanyrak_of_year'>('all');
  return (
    <div data-testid="awards-page">
      <PageHeader title={t('ui.awards.title')} subtitle={t('ui.awards.subtitle')} />
      {nominations.state === 'loading' && <Loading />}
      {nominations.state === 'failed' && <Alert>{nominations.message}</Alert>}
      {nominations.state === 'ready' && (
        <>
          <section class="section card" data-testid="awards-deadline">
            <p>
              {t('ui.awards.deadline', { date: formatDate(nominations.data.deadline.deadline, locale), year: nominations.data.deadline.academic_year })}{' '}
              <RuleRef rule="AWD-3" />
            </p>
            <p class="muted">{t('ui.awards.deadline_hint', { last: formatDate(nominations.data.deadline.last_day, locale) })}</p>
            <Link href="/awards/nominate" class="button" data-testid="new-nomination">{t('ui.awards.nominate')}</Link>
          </section>
          <section class="section" data-testid="nominations">
            <h2>{t('ui.awards.nominations')}</h2>
            <div class="segmented" role="group">
              {(['all', 'student_of_year', 'shanyrak_of_year'] as const).map((f) => (
                <button type="button" key={f} class={`button button-small ${filter === f ? '' : 'button-secondary'}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                  {f === 'all' ? t('ui.awards.all') : t(`ui.awards.contest.${f}`)}
                </button>
              ))}
            </div>
            {nominations.data.items.length === 0 ? (
              <p class="muted">{t('ui.awards.no_nominations')}</p>
            ) : (
              <ul class="plain-list card-list">
                {nominations.data.items.filter((n) => filter === 'all' || n.contest === filter).map((n) => (
                  <NominationCard key={String(n.id)} n={n} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <Commissions />
      {can('awards.manage') && (
        <>
          <section class="section card" data-testid="awards-issued">
            <h2>{t('ui.awards.issued')}</h2>
            {awards.state === 'ready' ? <AwardsList awards={awards.data.items} /> : <Loading />}
          </section>
          <IssueAward onIssued={(a) => { void reloadAwards(); void reload(); navigate(`/awards/${a.id}`); }} />
        </>
      )}
    </div>
  );
}
