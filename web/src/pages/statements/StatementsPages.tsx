// Written statements (APL-1, APL-2): "My statements" with the filing form (no anonymous option:
// the filer is the signed-in person), a statement's page with its states, slip and answer, the
// administration's register; complaints to the ombudsman (APL-4); personal reception (APL-3).
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formatDate, formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { Me } from '../../types';
import { useAbilities, useResource } from '../bodies/bodies-api';
import { PdfLinks, useAction } from '../elections/parts';
import { bodyMembersSource } from './members';

const TOPICS = ['safety', 'education', 'library', 'canteen', 'medical', 'other_department', 'students', 'staff'] as const;

interface PersonRef { person_id: number; name: string }
export interface Statement {
  id: number; number: string; topic: string; about: string; arguments: string; filer: PersonRef; student: PersonRef | null;
  channel: string; received_at: string; received_by: string; state: string; due_on: string; overdue: boolean; escalated: boolean;
  assignee: PersonRef | null; answer: string | null; answered_at: string | null; answered_by: string | null;
  forwarded_to: string | null; forward_reason: string | null; events: { state: string; note: string; by: string; at: string }[];
}
interface Complaint {
  id: number; number: string; complainant: string; filed_by: string; about: string; about_person: string | null; text: string; state: string;
  response: string | null; filed_at: string; shares: { person_id: number; name: string; reason: string; at: string }[];
}
interface Slot { id: number; starts_at: string; minutes: number; place: string; receiver: string; booked: boolean; mine: boolean; booked_by?: string | null; student?: string | null; topic?: string | null; outcome?: string | null }

function StateBadge({ s }: { s: Statement }) {
  return (
    <span class={`badge${s.overdue ? ' badge-overdue' : ''}`} data-testid="statement-state" data-state={s.state}>
      {t(`ui.statements.state.${s.state}`)}{s.overdue ? ` · ${t('ui.statements.overdue')}` : ''}
    </span>
  );
}

function StatementList({ items }: { items: Statement[] }) {
  const { locale } = useApp();
  if (items.length === 0) return <p class="muted">{t('ui.statements.none')}</p>;
  return (
    <ul class="plain-list statement-list" data-testid="statement-list">
      {items.map((s) => (
        <li key={s.id} class="list-item" data-testid="statement-row" data-statement-id={String(s.id)}>
          <Link href={`/statements/${s.id}`}>№ {s.number} · {t(`statements.topic.${s.topic}`)}</Link>{' '}
          <StateBadge s={s} />
          <div class="muted">{s.filer.name} · {formatDateTime(s.received_at, locale)} · {t('ui.statements.due')}: {formatDate(s.due_on, locale)}</div>
        </li>
      ))}
    </ul>
  );
}

// "My statements": the form and one's own statements (and those filed for one's children).
export function MyStatementsPage(_props: RouteProps) {
  const { locale, can, user } = useApp();
  const [loaded, reload] = useResource<{ items: Statement[] }>('/api/v1/statements/mine', [locale]);
  const [me] = useResource<Me>('/api/v1/me', [user?.person_id]);
  const [topic, setTopic] = useState('canteen');
  const [about, setAbout] = useState('');
  const [args, setArgs] = useState('');
  const [student, setStudent] = useState('');
  const action = useAction(['topic', 'about', 'arguments', 'student_id', 'filer']);
  const kids = me.state === 'ready' ? me.data.children : [];
  const file = (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => {
      const body: Record<string, unknown> = { topic, arguments: args };
      if (about) body.about = about;
      if (student || kids.length > 0) body.student_id = Number(student || kids[0].id);
      const s = await api.post<Statement>('/api/v1/statements', body);
      setArgs('');
      setAbout('');
      await reload();
      window.history.pushState(null, '', `/statements/${s.id}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
  };
  return (
    <>
      <PageHeader title={t('ui.statements.my_title')}>
        <Link href="/ombudsman">{t('ui.statements.ombudsman.title')}</Link>{' '}
        <Link href="/reception">{t('ui.statements.reception.title')}</Link>
        {can('statements.manage') && <> <Link href="/statements/register">{t('ui.statements.register.title')}</Link></>}
      </PageHeader>
      {can('statements.file') && (
        <section class="section card">
          <form class="form" noValidate onSubmit={file} data-testid="statement-form">
            <h2>{t('ui.statements.new')}</h2>
            <p class="muted">{t('ui.statements.not_anonymous')} <span class="rule-ref">APL-2</span></p>
            {kids.length > 0 && (
              <SelectField label={t('ui.statements.for_student')} name="student_id" value={student || String(kids[0].id)} onValue={setStudent}
                options={kids.map((k) => ({ value: String(k.id), label: k.full_name }))} error={action.errors.fields.student_id} />
            )}
            <SelectField label={t('ui.statements.topic')} name="topic" value={topic} onValue={setTopic} required
              options={TOPICS.map((x) => ({ value: x, label: t(`statements.topic.${x}`) }))} error={action.errors.fields.topic} />
            <TextField label={t('ui.statements.about')} name="about" value={about} onValue={setAbout} error={action.errors.fields.about} />
            <TextAreaField label={t('ui.statements.arguments')} name="arguments" value={args} onValue={setArgs} rows={6} required
              hint={t('ui.statements.arguments_hint')} error={action.errors.fields.arguments} />
            {action.alert}
            <div class="form-actions">
              <button type="submit" class="button" disabled={action.busy} data-testid="file-statement">{t('ui.statements.file')}</button>
            </div>
          </form>
        </section>
      )}
      <section class="section">
        <h2>{t('ui.statements.mine')}</h2>
        {loaded.state === 'loading' ? <Loading /> : loaded.state === 'failed' ? <Alert>{loaded.message}</Alert> : <StatementList items={loaded.data.items} />}
      </section>
    </>
  );
}

// The administration's register: every statement, overdue ones flagged, the CSV export.
export function StatementRegisterPage(_props: RouteProps) {
  const { locale } = useApp();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [loaded] = useResource<{ items: Statement[] }>(`/api/v1/statements${overdueOnly ? '?overdue=1' : ''}`, [locale, overdueOnly]);
  return (
    <>
      <PageHeader title={t('ui.statements.register.title')}>
        <a href="/api/v1/statements/register.csv" data-testid="register-csv">CSV</a>
      </PageHeader>
      <p>
        <label>
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly((e.target as HTMLInputElement).checked)} data-testid="overdue-only" />{' '}
          {t('ui.statements.register.overdue_only')}
        </label>
      </p>
      <PaperStatementForm />
      {loaded.state === 'loading' ? <Loading /> : loaded.state === 'failed' ? <Alert>{loaded.message}</Alert> : <StatementList items={loaded.data.items} />}
    </>
  );
}

// A statement handed in on paper, registered by the administration with its filer named (APL-2).
function PaperStatementForm() {
  const [filer, setFiler] = useState<PickedPerson | null>(null);
  const [student, setStudent] = useState<PickedPerson | null>(null);
  const [topic, setTopic] = useState('canteen');
  const [about, setAbout] = useState('');
  const [args, setArgs] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayInAlmaty());
  const action = useAction(['filer_person_id', 'student_id', 'topic', 'about', 'arguments', 'received_on', 'filer']);
  const register = (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => {
      const body: Record<string, unknown> = { topic, arguments: args, received_on: receivedOn };
      if (filer) body.filer_person_id = Number(filer.id);
      if (about) body.about = about;
      if (student) body.student_id = Number(student.id);
      const s = await api.post<Statement>('/api/v1/statements/paper', body);
      window.history.pushState(null, '', `/statements/${s.id}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
  };
  return (
    <details class="section card paper-statement" data-testid="paper-statement">
      <summary>{t('ui.statements.paper.title')}</summary>
      <form class="form" noValidate onSubmit={register} data-testid="paper-form">
        <div class="grid-2">
          <PersonPicker label={t('statements.slip.filer')} name="filer_person_id" value={filer} onValue={setFiler} required error={action.errors.fields.filer_person_id ?? action.errors.fields.filer} />
          <PersonPicker label={t('ui.statements.paper.student')} name="student_id" kind="student" value={student} onValue={setStudent}
            hint={t('ui.statements.paper.student_hint')} error={action.errors.fields.student_id} />
        </div>
        <div class="grid-2">
          <SelectField label={t('ui.statements.topic')} name="topic" value={topic} onValue={setTopic} required
            options={TOPICS.map((x) => ({ value: x, label: t(`statements.topic.${x}`) }))} error={action.errors.fields.topic} />
          <TextField label={t('ui.statements.paper.received_on')} name="received_on" type="date" value={receivedOn} onValue={setReceivedOn} required error={action.errors.fields.received_on} />
        </div>
        <TextField label={t('ui.statements.about')} name="about" value={about} onValue={setAbout} error={action.errors.fields.about} />
        <TextAreaField label={t('ui.statements.arguments')} name="arguments" value={args} onValue={setArgs} rows={5} required error={action.errors.fields.arguments} />
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy} data-testid="register-paper">{t('ui.statements.paper.submit')}</button>
        </div>
      </form>
    </details>
  );
}

export function StatementPage({ params }: RouteProps) {
  const { locale } = useApp();
  const path = `/api/v1/statements/${encodeURIComponent(params.id)}`;
  const [loaded, , replace] = useResource<Statement>(path, [locale]);
  const may = useAbilities('statement', params.id);
  const [assignee, setAssignee] = useState<PickedPerson | null>(null);
  const [answer, setAnswer] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction(['assignee_person_id', 'answer', 'forwarded_to', 'reason']);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <Alert>{loaded.message}</Alert>;
  const s = loaded.data;
  const act = (name: string, body: unknown = {}) => (ev?: Event) => {
    ev?.preventDefault();
    void action.run(async () => replace(await api.post<Statement>(`${path}/${name}`, body)));
  };
  const open = ['registered', 'assigned', 'in_progress'].includes(s.state);
  return (
    <div data-testid="statement" data-statement-id={String(s.id)} data-state={s.state}>
      <PageHeader title={`${t('ui.statements.statement')} № ${s.number}`} subtitle={t(`statements.topic.${s.topic}`)} />
      {action.alert}
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('ui.statements.state_label')}</dt>
          <dd><StateBadge s={s} /></dd>
          <dt>{t('statements.slip.filer')}</dt>
          <dd>{s.filer.name}</dd>
          {s.student && s.student.person_id !== s.filer.person_id && (<><dt>{t('statements.slip.student')}</dt><dd>{s.student.name}</dd></>)}
          <dt>{t('statements.slip.received_by')}</dt>
          <dd>{s.channel === 'online' ? t('statements.slip.online') : s.received_by} · {formatDateTime(s.received_at, locale)}</dd>
          <dt>{t('statements.slip.due')}</dt>
          <dd data-testid="statement-due">{formatDate(s.due_on, locale)}</dd>
          {s.about && (<><dt>{t('ui.statements.about')}</dt><dd>{s.about}</dd></>)}
          <dt>{t('ui.statements.arguments')}</dt>
          <dd class="pre-line">{s.arguments}</dd>
          {s.assignee && (<><dt>{t('ui.statements.assignee')}</dt><dd>{s.assignee.name}</dd></>)}
        </dl>
        <p>{t('ui.statements.slip')}: <PdfLinks path={`${path}/slip.pdf`} testid="slip-pdf" /></p>
      </section>
      {s.answer && (
        <section class="section card" data-testid="statement-answer">
          <h2>{t('ui.statements.answer')}</h2>
          <p class="pre-line">{s.answer}</p>
          <p class="muted">{s.answered_by} · {formatDateTime(s.answered_at, locale)}</p>
        </section>
      )}
      {s.forwarded_to && (
        <section class="section card" data-testid="statement-forwarded">
          <h2>{t('ui.statements.forwarded')}</h2>
          <p>{s.forwarded_to}</p>
          <p class="pre-line muted">{s.forward_reason}</p>
        </section>
      )}
      {open && may('statement.handle') && (
        <section class="section card">
          <form class="form" noValidate onSubmit={act('assign', { assignee_person_id: assignee ? Number(assignee.id) : null })} data-testid="assign-form">
            <h2>{t('ui.statements.assign')}</h2>
            <PersonPicker label={t('ui.statements.assignee')} name="assignee_person_id" kind="staff" value={assignee} onValue={setAssignee} required error={action.errors.fields.assignee_person_id} />
            <div class="form-actions"><button type="submit" class="button" disabled={action.busy}>{t('ui.statements.assign')}</button></div>
          </form>
        </section>
      )}
      {['assigned', 'in_progress'].includes(s.state) && may('statement.answer') && (
        <section class="section card">
          <form class="form" noValidate onSubmit={act('answer', { answer })} data-testid="answer-form">
            <h2>{t('ui.statements.answer')}</h2>
            {s.state === 'assigned' && <p><button type="button" class="button button-secondary" onClick={act('start')} data-testid="start">{t('ui.statements.start')}</button></p>}
            <TextAreaField label={t('ui.statements.answer')} name="answer" value={answer} onValue={setAnswer} rows={5} required error={action.errors.fields.answer} />
            <div class="form-actions"><button type="submit" class="button" disabled={action.busy} data-testid="send-answer">{t('ui.statements.send_answer')}</button></div>
          </form>
        </section>
      )}
      {open && may('statement.handle') && (
        <section class="section card">
          <form class="form" noValidate onSubmit={act('forward', { forwarded_to: to, reason })} data-testid="forward-form">
            <h2>{t('ui.statements.forward')}</h2>
            <TextField label={t('ui.statements.forwarded_to')} name="forwarded_to" value={to} onValue={setTo} required error={action.errors.fields.forwarded_to} />
            <TextAreaField label={t('ui.statements.reason')} name="reason" value={reason} onValue={setReason} required error={action.errors.fields.reason} />
            <div class="form-actions"><button type="submit" class="button button-secondary" disabled={action.busy}>{t('ui.statements.forward')}</button></div>
          </form>
        </section>
      )}
      {s.state === 'answered' && may('statement.handle') && (
        <p><button type="button" class="button" onClick={act('close')} data-testid="close">{t('ui.statements.close')}</button></p>
      )}
      <section class="section">
        <h2>{t('ui.statements.history')}</h2>
        <ol class="list" data-testid="statement-events">
          {s.events.map((e, i) => (
            <li key={i}>{formatDateTime(e.at, locale)} · {t(`ui.statements.state.${e.state}`)}{e.note ? ` · ${e.note}` : ''}{e.by ? ` · ${e.by}` : ''}</li>
          ))}
        </ol>
      </section>
    </div>
  );
}

// The ombudsman's inbox, or one's own complaints; the form for a new one (APL-4).
export function OmbudsmanPage(_props: RouteProps) {
  const { locale, can } = useApp();
  const [loaded, reload] = useResource<{ ombudsman: boolean; items: Complaint[] }>('/api/v1/ombudsman/complaints', [locale]);
  const [text, setText] = useState('');
  const [about, setAbout] = useState('');
  const action = useAction(['text', 'about', 'student_id']);
  const file = (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => {
      await api.post<Complaint>('/api/v1/ombudsman/complaints', about ? { text, about } : { text });
      setText('');
      setAbout('');
      await reload();
    });
  };
  return (
    <>
      <PageHeader title={t('ui.statements.ombudsman.title')} subtitle={t('ui.statements.ombudsman.confidential')} />
      {can('statements.file') && (
        <section class="section card">
          <form class="form" noValidate onSubmit={file} data-testid="complaint-form">
            <h2>{t('ui.statements.ombudsman.new')}</h2>
            <TextField label={t('ui.statements.ombudsman.about')} name="about" value={about} onValue={setAbout} error={action.errors.fields.about} />
            <TextAreaField label={t('ui.statements.ombudsman.text')} name="text" value={text} onValue={setText} rows={5} required error={action.errors.fields.text} />
            {action.alert}
            <div class="form-actions"><button type="submit" class="button" disabled={action.busy} data-testid="file-complaint">{t('ui.statements.ombudsman.send')}</button></div>
          </form>
        </section>
      )}
      <section class="section">
        <h2>{loaded.state === 'ready' && loaded.data.ombudsman ? t('ui.statements.ombudsman.inbox') : t('ui.statements.ombudsman.mine')}</h2>
        {loaded.state === 'loading' ? <Loading /> : loaded.state === 'failed' ? <Alert>{loaded.message}</Alert> : loaded.data.items.length === 0 ? (
          <p class="muted">{t('ui.statements.none')}</p>
        ) : (
          <ul class="plain-list" data-testid="complaint-list">
            {loaded.data.items.map((c) => (
              <li key={c.id} class="list-item" data-testid="complaint-row">
                <Link href={`/ombudsman/${c.id}`}>№ {c.number} · {c.about || c.complainant}</Link>{' '}
                <span class="badge">{t(`ui.statements.ombudsman.state.${c.state}`)}</span>
                <div class="muted">{c.complainant} · {formatDateTime(c.filed_at, locale)}</div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function ComplaintPage({ params }: RouteProps) {
  const { locale, can } = useApp();
  const path = `/api/v1/ombudsman/complaints/${encodeURIComponent(params.id)}`;
  const [loaded, , replace] = useResource<Complaint>(path, [locale]);
  const may = useAbilities('ombudsman_complaint', params.id);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  // The ombudsman is a student and may not search the directory: they name a member of a body.
  const directory = can('people.read');
  const membersSource = useMemo(() => (directory ? undefined : bodyMembersSource()), [directory]);
  const [reason, setReason] = useState('');
  const [response, setResponse] = useState('');
  const action = useAction(['person_id', 'reason', 'response']);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <Alert>{loaded.message}</Alert>;
  const c = loaded.data;
  const post = (name: string, body: unknown) => (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => replace(await api.post<Complaint>(`${path}/${name}`, body)));
  };
  return (
    <div data-testid="complaint" data-state={c.state}>
      <PageHeader title={`${t('ui.statements.ombudsman.complaint')} № ${c.number}`} subtitle={t('ui.statements.ombudsman.confidential')} />
      {action.alert}
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('statements.slip.filer')}</dt>
          <dd>{c.complainant}</dd>
          {c.about && (<><dt>{t('ui.statements.ombudsman.about')}</dt><dd>{c.about}</dd></>)}
          <dt>{t('ui.statements.ombudsman.text')}</dt>
          <dd class="pre-line">{c.text}</dd>
          <dt>{t('ui.statements.state_label')}</dt>
          <dd>{t(`ui.statements.ombudsman.state.${c.state}`)}</dd>
        </dl>
      </section>
      {c.response && (
        <section class="section card" data-testid="complaint-response">
          <h2>{t('ui.statements.answer')}</h2>
          <p class="pre-line">{c.response}</p>
        </section>
      )}
      <section class="section card" data-testid="complaint-shares">
        <h2>{t('ui.statements.ombudsman.shared_with')}</h2>
        {c.shares.length === 0 ? <p class="muted">{t('ui.statements.ombudsman.not_shared')}</p> : (
          <ul>{c.shares.map((s) => <li key={s.person_id}>{s.name} · {s.reason} · {formatDateTime(s.at, locale)}</li>)}</ul>
        )}
        {may('ombudsman_complaint.handle') && (
          <form class="form" noValidate onSubmit={post('shares', { person_id: person ? Number(person.id) : null, reason })} data-testid="share-form">
            <PersonPicker label={t('ui.statements.ombudsman.person')} name="person_id" value={person} onValue={setPerson} source={membersSource} required
              hint={directory ? undefined : t('ui.statements.ombudsman.person_hint')} error={action.errors.fields.person_id} />
            <TextField label={t('ui.statements.reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} />
            <div class="form-actions"><button type="submit" class="button button-secondary" disabled={action.busy}>{t('ui.statements.ombudsman.share')}</button></div>
          </form>
        )}
      </section>
      {c.state !== 'answered' && may('ombudsman_complaint.handle') && (
        <section class="section card">
          <form class="form" noValidate onSubmit={post('answer', { response })} data-testid="complaint-answer-form">
            <TextAreaField label={t('ui.statements.answer')} name="response" value={response} onValue={setResponse} rows={5} required error={action.errors.fields.response} />
            <div class="form-actions"><button type="submit" class="button" disabled={action.busy}>{t('ui.statements.send_answer')}</button></div>
          </form>
        </section>
      )}
    </div>
  );
}

/** Almaty's wall clock, "YYYY-MM-DDTHH:MM" (GEN-2: UTC+5), as the slots' starts_at. */
function nowInAlmaty(): string {
  return new Date(Date.now() + 5 * 3600e3).toISOString().slice(0, 16);
}

function thisMonth(): string {
  return nowInAlmaty().slice(0, 7);
}

// Personal reception (APL-3): the month's schedule, booking, publishing slots and outcomes.
export function ReceptionPage(_props: RouteProps) {
  const { locale, can, user } = useApp();
  const [month, setMonth] = useState(thisMonth());
  const [loaded, reload] = useResource<{ month: string; has_reception: boolean; items: Slot[] }>(`/api/v1/reception/slots?month=${month}`, [locale, month]);
  const [topic, setTopic] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [place, setPlace] = useState('');
  const [outcome, setOutcome] = useState('');
  const [receiver, setReceiver] = useState<PickedPerson | null>(user?.person_id ? { id: user.person_id, full_name: user.display_name } : null);
  const [detail, setDetail] = useState<Slot | null>(null);
  const action = useAction(['topic', 'starts_at', 'place', 'receiver_person_id', 'minutes', 'outcome']);
  const book = (id: number) => void action.run(async () => {
    await api.post<Slot>(`/api/v1/reception/slots/${id}/booking`, { topic });
    await reload();
  });
  const publish = (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => {
      await api.post<Slot>('/api/v1/reception/slots', { starts_at: startsAt, minutes: 20, place, receiver_person_id: receiver ? Number(receiver.id) : null });
      await reload();
    });
  };
  const open = (id: number) => void action.run(async () => setDetail(await api.get<Slot>(`/api/v1/reception/slots/${id}`)));
  const record = (ev: Event) => {
    ev.preventDefault();
    if (!detail) return;
    void action.run(async () => setDetail(await api.post<Slot>(`/api/v1/reception/slots/${detail.id}/outcome`, { outcome })));
  };
  return (
    <>
      <PageHeader title={t('ui.statements.reception.title')} subtitle={t('ui.statements.reception.subtitle')} />
      <p><TextField label={t('ui.statements.reception.month')} name="month" type="month" value={month} onValue={(v) => v && setMonth(v)} /></p>
      {action.alert}
      {loaded.state === 'loading' ? <Loading /> : loaded.state === 'failed' ? <Alert>{loaded.message}</Alert> : (
        <section class="section card" data-testid="reception-schedule" data-has-reception={String(loaded.data.has_reception)}>
          {!loaded.data.has_reception && <Alert>{t('ui.statements.reception.none_this_month')} <span class="rule-ref">APL-3</span></Alert>}
          {can('statements.file') && loaded.data.items.some((s) => !s.booked && s.starts_at > nowInAlmaty()) && (
            <TextField label={t('ui.statements.reception.topic')} name="topic" value={topic} onValue={setTopic} error={action.errors.fields.topic} />
          )}
          <ul class="plain-list">
            {loaded.data.items.map((s) => (
              <li key={s.id} class="list-item" data-testid="slot" data-slot-id={String(s.id)} data-booked={String(s.booked)}>
                <strong>{formatDate(s.starts_at.slice(0, 10), locale)} {s.starts_at.slice(11, 16)}</strong> · {s.minutes}′ · {s.place} · {s.receiver}{' '}
                {s.mine ? <span class="badge">{t('ui.statements.reception.yours')}</span> : s.booked ? <span class="badge">{t('ui.statements.reception.booked')}</span> : null}
                {!s.booked && can('statements.file') && s.starts_at > nowInAlmaty() && (
                  <button type="button" class="button button-small" disabled={action.busy} onClick={() => book(s.id)} data-testid="book-slot">{t('ui.statements.reception.book')}</button>
                )}
                {can('statements.manage') && s.booked && (
                  <button type="button" class="button button-small button-secondary" onClick={() => open(s.id)} data-testid="open-slot">{t('ui.statements.reception.details')}</button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail && (
        <section class="section card" data-testid="slot-detail">
          <h2>{formatDate(detail.starts_at.slice(0, 10), locale)} {detail.starts_at.slice(11, 16)}</h2>
          <p>{detail.booked_by}{detail.student && detail.student !== detail.booked_by ? ` (${detail.student})` : ''} · {detail.topic}</p>
          {detail.outcome ? <p class="pre-line" data-testid="slot-outcome">{detail.outcome}</p> : (
            <form class="form" noValidate onSubmit={record}>
              <TextAreaField label={t('ui.statements.reception.outcome')} name="outcome" value={outcome} onValue={setOutcome} required error={action.errors.fields.outcome} />
              <div class="form-actions"><button type="submit" class="button">{t('ui.statements.reception.record')}</button></div>
            </form>
          )}
        </section>
      )}
      {can('statements.manage') && (
        <section class="section card">
          <form class="form" noValidate onSubmit={publish} data-testid="publish-form">
            <h2>{t('ui.statements.reception.publish')}</h2>
            <div class="grid-2">
              <TextField label={t('ui.statements.reception.starts_at')} name="starts_at" type="datetime-local" value={startsAt} onValue={setStartsAt} required error={action.errors.fields.starts_at} />
              <TextField label={t('ui.statements.reception.place')} name="place" value={place} onValue={setPlace} required error={action.errors.fields.place} />
            </div>
            <PersonPicker label={t('ui.statements.reception.receiver')} name="receiver_person_id" kind="staff" value={receiver} onValue={setReceiver} required error={action.errors.fields.receiver_person_id} />
            <div class="form-actions"><button type="submit" class="button" disabled={action.busy}>{t('ui.statements.reception.publish')}</button></div>
          </form>
        </section>
      )}
    </>
  );
}
