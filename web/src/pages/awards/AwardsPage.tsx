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
import { PeopleField } from './PeopleField';

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

function Commissions({ year }: { year: string | null }) {
  const { locale } = useApp();
  const [bodies] = useResource<{ items: BodySummary[] }>('/api/v1/bodies', [locale]);
  if (bodies.state !== 'ready') return null;
  const commissions = bodies.data.items.filter((b) => b.template === 'encouragement_commission');
  if (commissions.length === 0) return <Alert kind="warning">{t('ui.awards.no_commission')}</Alert>;
  return (
    <>
      {commissions.map((c) => (
        <CommissionSessions key={String(c.id)} commission={c} year={year} />
      ))}
    </>
  );
}

function CommissionSessions({ commission, year }: { commission: BodySummary; year: string | null }) {
  const { locale } = useApp();
  const [sessions] = useResource<{ items: Session[] }>(`/api/v1/awards/commissions/${commission.id}/sessions`, [locale]);
  const [meetings] = useResource<{ items: { id: number | string; number: number; held_on: string; status: string }[] }>(`/api/v1/bodies/${commission.id}/meetings`, [locale]);
  const [meeting, setMeeting] = useState('');
  const [contest, setContest] = useState('student_of_year');
  const action = useAction(['meeting_id', 'contest']);
  if (sessions.state === 'failed') return null;   // not a member: the commission's work is confidential
  const open = meetings.state === 'ready' ? meetings.data.items.filter((m) => m.status !== 'closed') : [];
  const chosen = meeting || String(open[0]?.id ?? '');
  // One session per contest and academic year (the server answers 409): offer only the free ones.
  const taken = sessions.state === 'ready' ? sessions.data.items.filter((s) => s.academic_year === year).map((s) => s.contest as string) : [];
  const free = (['student_of_year', 'shanyrak_of_year'] as const).filter((c) => !taken.includes(c));
  const chosenContest = free.includes(contest as (typeof free)[number]) ? contest : (free[0] ?? '');
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
      {open.length > 0 && free.length > 0 && (
        <form
          class="form"
          noValidate
          data-testid="open-session"
          onSubmit={async (e) => {
            e.preventDefault();
            let id: string | null = null;
            await action.run(async () => {
              const s = await api.post<Session>(`/api/v1/awards/commissions/${commission.id}/sessions`, { meeting_id: Number(chosen), contest: chosenContest });
              id = String(s.id);
            });
            if (id) navigate(`/awards/sessions/${id}`);
          }}
        >
          <SelectField label={t('ui.awards.meeting')} name="meeting_id" value={chosen} onValue={setMeeting}
            options={open.map((m) => ({ value: String(m.id), label: `№ ${m.number} · ${formatDate(m.held_on, locale)}` }))} error={action.errors.fields.meeting_id} required />
          <SelectField label={t('ui.awards.contest')} name="contest" value={chosenContest} onValue={setContest}
            options={free.map((c) => ({ value: c, label: t(`ui.awards.contest.${c}`) }))} error={action.errors.fields.contest} required />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>{t('ui.awards.open_session')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

const kindLabel = (k: AwardKind) => k.name ?? t(`awards.kind.${k.code}`);
const RECIPIENTS = ['student', 'shanyrak', 'group', 'team'] as const;
type Recipient = (typeof RECIPIENTS)[number];

// AWD-5: the principal issues an award (and its order): personal, to a Shanyrak, a group or a
// team (AWD-1), of a preset kind or of a kind the principal added.
function IssueAward({ kinds, onIssued }: { kinds: AwardKind[]; onIssued: (a: Award) => void }) {
  const { locale } = useApp();
  const [shanyraks] = useResource<{ items: { id: number | string; name: string }[] }>('/api/v1/shanyraks', [locale]);
  const [groups] = useResource<{ items: { id: number | string; name: string }[] }>('/api/v1/groups', [locale]);
  const [kind, setKind] = useState('letter_of_gratitude');
  const [recipient, setRecipient] = useState<Recipient>('student');
  const [student, setStudent] = useState<PickedPerson | null>(null);
  const [shanyrak, setShanyrak] = useState('');
  const [group, setGroup] = useState('');
  const [team, setTeam] = useState('');
  const [members, setMembers] = useState<PickedPerson[]>([]);
  const [reason, setReason] = useState('');
  const [publish, setPublish] = useState(false);
  const action = useAction(['kind', 'student_id', 'shanyrak_id', 'group_id', 'team_name', 'member_ids', 'reason', 'nomination_id', 'recipient_kind']);
  const options = kinds.filter((k) => !k.contest).map((k) => ({ value: k.code, label: kindLabel(k) }));
  const shanyrakList = shanyraks.state === 'ready' ? shanyraks.data.items : [];
  const groupList = groups.state === 'ready' ? groups.data.items : [];
  const chosenShanyrak = shanyrak || String(shanyrakList[0]?.id ?? '');
  const chosenGroup = group || String(groupList[0]?.id ?? '');
  // The recipient's fields, or the field to fill first with its message.
  const whom = (): { body: Record<string, unknown> } | { field: string; message: string } => {
    if (recipient === 'student')
      return student ? { body: { student_id: Number(student.id) } } : { field: 'student_id', message: t('ui.awards.student_required') };
    if (recipient === 'shanyrak')
      return chosenShanyrak ? { body: { shanyrak_id: Number(chosenShanyrak) } } : { field: 'shanyrak_id', message: t('ui.awards.shanyrak_required') };
    if (recipient === 'group')
      return chosenGroup ? { body: { group_id: Number(chosenGroup) } } : { field: 'group_id', message: t('ui.awards.group_required') };
    return members.length > 0
      ? { body: { team_name: team, member_ids: members.map((m) => Number(m.id)) } }
      : { field: 'member_ids', message: t('ui.awards.team_members_required') };
  };
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
          const to = whom();
          if ('field' in to) return action.fail(to.field, to.message);
          await action.run(async () => {
            onIssued(await api.post<Award>('/api/v1/awards', { kind, recipient_kind: recipient, ...to.body, reason, published: publish }));
          });
        }}
      >
        <SelectField label={t('ui.awards.kind')} name="kind" value={kind} onValue={setKind} options={options} error={action.errors.fields.kind} required />
        <SelectField label={t('ui.awards.recipient')} name="recipient_kind" value={recipient} onValue={(v) => { setRecipient(v as Recipient); action.clear(); }}
          options={RECIPIENTS.map((r) => ({ value: r, label: t(`ui.awards.to.${r}`) }))} error={action.errors.fields.recipient_kind} hint={t('ui.awards.recipient_hint')} required />
        {recipient === 'student' && (
          <PersonPicker label={t('ui.awards.student')} name="student_id" kind="student" value={student} onValue={setStudent} error={action.errors.fields.student_id} required />
        )}
        {recipient === 'shanyrak' && (
          shanyraks.state === 'ready' && shanyrakList.length === 0 ? <Alert kind="warning">{t('ui.awards.no_shanyraks')}</Alert> : (
            <SelectField label={t('ui.awards.shanyrak')} name="shanyrak_id" value={chosenShanyrak} onValue={setShanyrak}
              options={shanyrakList.map((x) => ({ value: String(x.id), label: x.name }))} error={action.errors.fields.shanyrak_id} hint={t('ui.awards.shanyrak_award_hint')} required />
          )
        )}
        {recipient === 'group' && (
          <SelectField label={t('ui.awards.group')} name="group_id" value={chosenGroup} onValue={setGroup}
            options={groupList.map((x) => ({ value: String(x.id), label: x.name }))} error={action.errors.fields.group_id} hint={t('ui.awards.group_award_hint')} required />
        )}
        {recipient === 'team' && (
          <>
            <TextField label={t('ui.awards.team_name')} name="team_name" value={team} onValue={setTeam} error={action.errors.fields.team_name} required />
            <PeopleField label={t('ui.awards.add_team_member')} name="team_member" kind="student" people={members} onPeople={setMembers}
              error={action.errors.fields.member_ids} testid="team-members" />
          </>
        )}
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

// AWD-1: the preset kinds plus the kinds the principal adds, each named in the three languages.
function AwardKinds({ kinds, onAdded }: { kinds: AwardKind[]; onAdded: () => void }) {
  const [kk, setKk] = useState('');
  const [ru, setRu] = useState('');
  const [en, setEn] = useState('');
  const action = useAction(['name_kk', 'name_ru', 'name_en']);
  return (
    <section class="section card" data-testid="award-kinds">
      <h2>
        {t('ui.awards.kinds')} <RuleRef rule="AWD-1" />
      </h2>
      <ul class="plain-list">
        {kinds.map((k) => (
          <li key={k.code} data-kind={k.code}>
            {kindLabel(k)} <span class="muted">· {t(k.preset ? 'ui.awards.kind_preset' : 'ui.awards.kind_custom')}</span>
          </li>
        ))}
      </ul>
      <form
        class="form"
        noValidate
        data-testid="add-kind"
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await action.run(async () => {
            await api.post<AwardKind>('/api/v1/awards/kinds', { name_kk: kk, name_ru: ru, name_en: en });
          });
          if (ok) {
            setKk('');
            setRu('');
            setEn('');
            onAdded();
          }
        }}
      >
        <h3>{t('ui.awards.add_kind')}</h3>
        <TextField label={t('ui.awards.kind_name_kk')} name="name_kk" value={kk} onValue={setKk} error={action.errors.fields.name_kk} required />
        <TextField label={t('ui.awards.kind_name_ru')} name="name_ru" value={ru} onValue={setRu} error={action.errors.fields.name_ru} required />
        <TextField label={t('ui.awards.kind_name_en')} name="name_en" value={en} onValue={setEn} error={action.errors.fields.name_en} required />
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy}>{t('ui.awards.add_kind_button')}</button>
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
  const [kinds, reloadKinds] = useResource<{ items: AwardKind[] }>(can('awards.manage') ? '/api/v1/awards/kinds' : null, [locale]);
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
      <Commissions year={nominations.state === 'ready' ? nominations.data.deadline.academic_year : null} />
      {can('awards.manage') && (
        <>
          <section class="section card" data-testid="awards-issued">
            <h2>{t('ui.awards.issued')}</h2>
            {awards.state === 'ready' ? <AwardsList awards={awards.data.items} /> : <Loading />}
          </section>
          {kinds.state === 'ready' && (
            <>
              <IssueAward kinds={kinds.data.items} onIssued={(a) => { void reloadAwards(); void reload(); navigate(`/awards/${a.id}`); }} />
              <AwardKinds kinds={kinds.data.items} onAdded={() => void reloadKinds()} />
            </>
          )}
          <section class="section card" data-testid="shanyrak-members-link">
            <h2>{t('ui.awards.shanyrak_members')}</h2>
            <p class="muted">{t('ui.awards.shanyrak_members_hint')}</p>
            <Link href="/awards/shanyraks" class="button button-secondary">{t('ui.awards.set_members')}</Link>
          </section>
        </>
      )}
    </div>
  );
}
