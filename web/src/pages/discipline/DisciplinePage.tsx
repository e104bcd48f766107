// The staff's discipline page (seed 004, "Responsibility of students"): record an incident
// (DISC-CAT-1) and see its escalation with the arithmetic (DISC-ESC-1), recent incidents with
// their reversal by a correcting entry, cases before the committee (DISC-CASE-1), phones withdrawn
// in lessons (DISC-DEV-1) and the catalogue with its versions (DISC-VER-1).
import { useState } from 'preact/hooks';
import { api, withQuery } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { navigate } from '../../router';
import { useResource } from '../bodies/bodies-api';
import type { BodySummary } from '../bodies/bodies-types';
import type { Group } from '../../types';
import { useAction } from '../elections/parts';
import {
  BASES,
  escalationText,
  kindName,
  TIERS,
  type CaseFile,
  type CaseSummary,
  type Catalogue,
  type DeviceWithdrawal,
  type Incident,
} from './discipline';
import { StatisticsTab } from './StatisticsTab';

const TABS = ['incidents', 'cases', 'phones', 'catalogue', 'statistics'] as const;
type Tab = (typeof TABS)[number];

export function DisciplinePage({ search }: RouteProps) {
  const { can, user } = useApp();
  const asked = new URLSearchParams(search).get('tab') as Tab | null;
  const manager = can('discipline.manage');
  const tabs = TABS.filter((tab) => manager || tab === 'incidents' || tab === 'phones');
  const tab: Tab = asked && tabs.includes(asked) ? asked : 'incidents';
  return (
    <>
      <PageHeader title={t('ui.discipline.title')} subtitle={user?.institution?.name} />
      <nav class="subnav" aria-label={t('ui.discipline.tabs_label')}>
        <ul>
          {tabs.map((item) => (
            <li key={item}>
              <Link href={`/discipline?tab=${item}`} aria-current={item === tab ? 'page' : undefined} data-tab={item}>
                {t(`ui.discipline.tab.${item}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'incidents' && <IncidentsTab manager={manager} />}
      {tab === 'cases' && <CasesTab />}
      {tab === 'phones' && <PhonesTab />}
      {tab === 'catalogue' && <CatalogueTab manager={manager} />}
      {tab === 'statistics' && <StatisticsTab />}
    </>
  );
}

function useCatalogue() {
  const { locale } = useApp();
  return useResource<Catalogue>('/api/v1/discipline/catalogue', [locale]);
}

/** Kinds grouped by tier for a <select>: the tier in the option's text, as on paper. */
function kindOptions(catalogue: Catalogue | null, locale: ReturnType<typeof useApp>['locale']) {
  if (!catalogue) return [];
  return TIERS.flatMap((tier) =>
    catalogue.items.filter((k) => k.tier === tier).map((k) => ({ value: k.code, label: `${kindName(locale, k.code, catalogue.items)} · ${t(`discipline.tier.${tier}`)}` })),
  );
}

function IncidentsTab({ manager }: { manager: boolean }) {
  const { locale } = useApp();
  const [catalogue] = useCatalogue();
  const items = catalogue.state === 'ready' ? catalogue.data.items : null;
  const [recent, reloadRecent] = useResource<{ items: Incident[] }>(manager ? '/api/v1/incidents?limit=30' : null, [locale]);
  return (
    <>
      <RecordIncident catalogue={catalogue.state === 'ready' ? catalogue.data : null} onRecorded={reloadRecent} />
      {!manager && <CuratedGroupsIncidents catalogue={items} />}
      {manager && (
        <section class="section card" data-testid="recent-incidents">
          <h2>{t('ui.discipline.recent_incidents')}</h2>
          {recent.state === 'loading' && <Loading />}
          {recent.state === 'failed' && <Alert>{recent.message}</Alert>}
          {recent.state === 'ready' && recent.data.items.length === 0 && <p class="muted">{t('ui.discipline.no_incidents')}</p>}
          {recent.state === 'ready' && recent.data.items.length > 0 && (
            <ul class="plain-list incident-list">
              {recent.data.items.map((incident) => (
                <IncidentRow key={String(incident.id)} incident={incident} catalogue={items} onChanged={reloadRecent} />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

function RecordIncident({ catalogue, onRecorded }: { catalogue: Catalogue | null; onRecorded: () => void }) {
  const { locale } = useApp();
  const [kind, setKind] = useState('');
  const [on, setOn] = useState(todayInAlmaty());
  const [time, setTime] = useState('');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [students, setStudents] = useState<PickedPerson[]>([]);
  const [picking, setPicking] = useState<PickedPerson | null>(null);
  const [recorded, setRecorded] = useState<Incident | null>(null);
  const action = useAction(['kind_code', 'occurred_on', 'occurred_time', 'place', 'description', 'student_ids']);
  // No kind is proposed: a wrong default would be recorded against a student by mistake.
  const options = [{ value: '', label: t('ui.common.choose') }, ...kindOptions(catalogue, locale)];
  const chosenKind = kind;
  const add = (person: PickedPerson | null) => {
    if (person && !students.some((s) => String(s.id) === String(person.id))) setStudents([...students, person]);
    setPicking(null);
  };
  return (
    <section class="section card" data-testid="record-incident">
      <h2>
        {t('ui.discipline.record_incident')} <RuleRef rule="DISC-CAT-1" />
      </h2>
      <form
        class="form"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          setRecorded(null);
          if (!chosenKind) return action.fail('kind_code', t('ui.discipline.kind_required'));
          const ok = await action.run(async () => {
            const answer = await api.post<Incident>('/api/v1/incidents', {
              kind_code: chosenKind,
              occurred_on: on,
              ...(time ? { occurred_time: time } : {}),
              place,
              description,
              student_ids: students.map((s) => Number(s.id)),
            });
            setRecorded(answer);
          });
          if (ok) {
            setStudents([]);
            setDescription('');
            onRecorded();
          }
        }}
      >
        <SelectField label={t('ui.discipline.kind')} name="kind_code" value={chosenKind} onValue={setKind} options={options} error={action.errors.fields.kind_code} required />
        <div class="form-row">
          <TextField label={t('ui.discipline.occurred_on')} name="occurred_on" type="date" value={on} onValue={setOn} max={todayInAlmaty()} error={action.errors.fields.occurred_on} required />
          <TextField label={t('ui.discipline.occurred_time')} name="occurred_time" type="time" value={time} onValue={setTime} error={action.errors.fields.occurred_time} />
        </div>
        <TextField label={t('ui.discipline.place')} name="place" value={place} onValue={setPlace} error={action.errors.fields.place} required />
        <TextAreaField label={t('ui.discipline.description')} name="description" value={description} onValue={setDescription} error={action.errors.fields.description} required />
        {/* Remounted after each choice, so the box is empty for the next student. */}
        <PersonPicker
          key={`student-${students.length}`}
          label={t('ui.discipline.add_student')}
          name="student"
          kind="student"
          value={picking}
          onValue={add}
          exclude={students.map((s) => s.id)}
          error={action.errors.fields.student_ids}
          hint={t('ui.discipline.students_hint')}
        />
        {students.length > 0 && (
          <ul class="chip-list" data-testid="incident-students" aria-label={t('ui.discipline.students')}>
            {students.map((s) => (
              <li key={String(s.id)} class="chip" data-person-id={String(s.id)}>
                <span>{s.full_name}</span>
                <button type="button" class="chip-remove" onClick={() => setStudents(students.filter((x) => x.id !== s.id))}>
                  <span aria-hidden="true">×</span>
                  <span class="visually-hidden">{t('ui.discipline.remove_student', { name: s.full_name })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy || students.length === 0}>
            {t('ui.discipline.record')}
          </button>
        </div>
      </form>
      {recorded && (
        <Alert kind="success">
          <div data-testid="incident-result" data-incident-id={String(recorded.id)}>
            <p>
              <strong>{t('ui.discipline.recorded', { kind: kindName(locale, recorded.kind_code, catalogue?.items) })}</strong>
            </p>
            <ul class="plain-list">
              {(recorded.students ?? []).map((part) => (
                <li key={String(part.person_id)} data-testid="escalation" data-tier={part.tier} data-person-id={String(part.person_id)}>
                  {part.name}: {escalationText(part, recorded.occurred_on, locale)} <RuleRef rule="DISC-ESC-1" />
                </li>
              ))}
            </ul>
          </div>
        </Alert>
      )}
    </section>
  );
}

/** A curator's groups and their students' incidents (GET /api/v1/groups/{id}/incidents). */
function CuratedGroupsIncidents({ catalogue }: { catalogue: Catalogue['items'] | null }) {
  const { user } = useApp();
  const [groups] = useResource<{ items: Group[] }>(user?.person_id != null ? '/api/v1/groups' : null);
  if (groups.state !== 'ready') return null;
  const mine = groups.data.items.filter((g) => g.curator_person_id != null && String(g.curator_person_id) === String(user?.person_id));
  return (
    <>
      {mine.map((g) => (
        <GroupIncidents key={String(g.id)} group={g} catalogue={catalogue} />
      ))}
    </>
  );
}

function GroupIncidents({ group, catalogue }: { group: Group; catalogue: Catalogue['items'] | null }) {
  const { locale } = useApp();
  const [list] = useResource<{ items: Incident[] }>(`/api/v1/groups/${group.id}/incidents?limit=30`, [locale]);
  return (
    <section class="section card" data-testid="group-incidents" data-group-id={String(group.id)}>
      <h2>{t('ui.discipline.group_incidents', { group: group.name })}</h2>
      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <Alert>{list.message}</Alert>}
      {list.state === 'ready' && list.data.items.length === 0 && <p class="muted">{t('ui.discipline.no_incidents')}</p>}
      {list.state === 'ready' && list.data.items.length > 0 && (
        <ul class="plain-list incident-list">
          {list.data.items.map((incident) => (
            <IncidentRow key={String(incident.id)} incident={incident} catalogue={catalogue} onChanged={() => undefined} canReverse={false} />
          ))}
        </ul>
      )}
    </section>
  );
}

function IncidentRow({ incident, catalogue, onChanged, canReverse = true }: { incident: Incident; catalogue: Catalogue['items'] | null; onChanged: () => void; canReverse?: boolean }) {
  const { locale } = useApp();
  const [reversing, setReversing] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction(['reason']);
  const reversed = incident.reversed_by_id != null;
  const correction = incident.reverses_id != null;
  return (
    <li class="incident" data-testid="incident" data-incident-id={String(incident.id)} data-reversed={reversed ? 'true' : 'false'}>
      <div class="incident-head">
        <strong>{kindName(locale, incident.kind_code, catalogue)}</strong>
        <span class="muted">
          {formatDate(incident.occurred_on, locale)}
          {incident.occurred_time ? `, ${incident.occurred_time}` : ''} · {incident.place}
        </span>
        {reversed && <span class="badge badge-reversed">{t('ui.discipline.reversed')}</span>}
        {correction && <span class="badge badge-correction">{t('ui.discipline.correction', { id: String(incident.reverses_id) })}</span>}
      </div>
      {correction ? <p>{incident.reason}</p> : <p>{incident.description}</p>}
      {!correction && (
        <ul class="plain-list">
          {(incident.students ?? []).map((part) => (
            <li key={String(part.person_id)} data-tier={part.tier}>
              <Link href={`/people/${part.person_id}`}>{part.name}</Link>{' '}
              <span class={`badge badge-tier-${part.tier}`}>{t(`discipline.tier.${part.tier}`)}</span>{' '}
              <span class="muted">{escalationText(part, incident.occurred_on, locale)}</span>
            </li>
          ))}
        </ul>
      )}
      {canReverse && !reversed && !correction && !reversing && (
        <button type="button" class="button button-secondary button-small" onClick={() => setReversing(true)}>
          {t('ui.discipline.reverse')}
        </button>
      )}
      {reversing && (
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (await action.run(() => api.post(`/api/v1/incidents/${incident.id}/reverse`, { reason }))) {
              setReversing(false);
              onChanged();
            }
          }}
        >
          <TextAreaField label={t('ui.discipline.reverse_reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} required hint={t('ui.discipline.reverse_hint')} />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button button-danger" disabled={action.busy}>
              {t('ui.discipline.reverse_confirm')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setReversing(false)}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function CasesTab() {
  const { locale } = useApp();
  const [status, setStatus] = useState<'open' | 'decided'>('open');
  const [cases] = useResource<{ items: CaseSummary[] }>(withQuery('/api/v1/discipline/cases', { status, limit: 100 }), [locale]);
  return (
    <>
      <section class="section card" data-testid="cases">
        <h2>{t('ui.discipline.cases')}</h2>
        <div class="choice-row" role="group" aria-label={t('ui.discipline.case_status')}>
          {(['open', 'decided'] as const).map((s) => (
            <button key={s} type="button" class={`button button-small${s === status ? '' : ' button-secondary'}`} aria-pressed={s === status ? 'true' : 'false'} onClick={() => setStatus(s)}>
              {t(`ui.discipline.status.${s}`)}
            </button>
          ))}
        </div>
        {cases.state === 'loading' && <Loading />}
        {cases.state === 'failed' && <Alert>{cases.message}</Alert>}
        {cases.state === 'ready' && cases.data.items.length === 0 && <p class="muted">{t('ui.discipline.no_cases')}</p>}
        {cases.state === 'ready' && cases.data.items.length > 0 && (
          <ul class="plain-list overview-list">
            {cases.data.items.map((c) => (
              <li key={String(c.id)} data-testid="case-row" data-case-id={String(c.id)}>
                <Link href={`/discipline/cases/${c.id}`}>{t('ui.discipline.case_title', { number: c.number })}</Link>
                <span class="muted">
                  {c.student} · {formatDate(c.opened_on, locale)} · {t(`discipline.basis.${c.basis}`)}
                  {c.non_disclosure ? ` · ${t('ui.discipline.non_disclosure_on')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <OpenCase />
    </>
  );
}

function OpenCase() {
  const { locale } = useApp();
  const [bodies] = useResource<{ items: BodySummary[] }>('/api/v1/bodies', [locale]);
  const committees = bodies.state === 'ready' ? bodies.data.items.filter((b) => b.template === 'disciplinary_committee') : [];
  const [student, setStudent] = useState<PickedPerson | null>(null);
  const [committee, setCommittee] = useState('');
  const [basis, setBasis] = useState<string>('application');
  const [reporter, setReporter] = useState<PickedPerson | null>(null);
  const [reporterName, setReporterName] = useState('');
  const [summary, setSummary] = useState('');
  const [incidentIds, setIncidentIds] = useState<string[]>([]);
  const [victim, setVictim] = useState<PickedPerson | null>(null);
  const [interested, setInterested] = useState<PickedPerson[]>([]);
  const [pickingInterested, setPickingInterested] = useState<PickedPerson | null>(null);
  const [criminal, setCriminal] = useState(false);
  const [incidents] = useResource<{ items: Incident[] }>(student ? withQuery('/api/v1/incidents', { person: student.id, limit: 50 }) : null, [locale, student?.id]);
  const action = useAction(['student_id', 'committee_body_id', 'basis', 'reporter_person_id', 'reporter_name', 'summary', 'incident_ids', 'victim_person_id', 'interested_person_ids']);
  const chosenCommittee = committee || String(committees[0]?.id ?? '');
  const own = basis === 'own_application';
  return (
    <section class="section card" data-testid="open-case">
      <h2>
        {t('ui.discipline.open_case')} <RuleRef rule="DISC-CASE-1" />
      </h2>
      {bodies.state === 'ready' && committees.length === 0 && <Alert kind="warning">{t('ui.discipline.no_committee')}</Alert>}
      <form
        class="form"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!student) return action.fail('student_id', t('ui.discipline.student_required'));
          let opened: CaseFile | null = null;
          await action.run(async () => {
            opened = await api.post<CaseFile>('/api/v1/discipline/cases', {
              student_id: Number(student.id),
              committee_body_id: Number(chosenCommittee),
              basis,
              ...(!own && reporter ? { reporter_person_id: Number(reporter.id) } : {}),
              ...(!own && !reporter && reporterName.trim() ? { reporter_name: reporterName.trim() } : {}),
              summary,
              incident_ids: incidentIds.map(Number),
              ...(victim ? { victim_person_id: Number(victim.id) } : {}),
              interested_person_ids: interested.map((p) => Number(p.id)),
              criminal,
            });
          });
          if (opened) navigate(`/discipline/cases/${(opened as CaseFile).id}`);
        }}
      >
        <PersonPicker label={t('ui.discipline.student')} name="student_id" kind="student" value={student} onValue={(p) => { setStudent(p); setIncidentIds([]); }} error={action.errors.fields.student_id} required />
        <SelectField
          label={t('ui.discipline.committee')}
          name="committee_body_id"
          value={chosenCommittee}
          onValue={setCommittee}
          options={committees.map((b) => ({ value: String(b.id), label: b.name }))}
          error={action.errors.fields.committee_body_id}
          required
        />
        <SelectField label={t('ui.discipline.basis')} name="basis" value={basis} onValue={setBasis} options={BASES.map((b) => ({ value: b, label: t(`discipline.basis.${b}`) }))} error={action.errors.fields.basis} required />
        {!own && (
          <>
            <PersonPicker label={t('ui.discipline.reporter')} name="reporter_person_id" value={reporter} onValue={setReporter} error={action.errors.fields.reporter_person_id} hint={t('ui.discipline.reporter_hint')} />
            {!reporter && <TextField label={t('ui.discipline.reporter_name')} name="reporter_name" value={reporterName} onValue={setReporterName} error={action.errors.fields.reporter_name} />}
          </>
        )}
        <TextAreaField label={t('ui.discipline.summary')} name="summary" value={summary} onValue={setSummary} error={action.errors.fields.summary} required />
        {student && incidents.state === 'ready' && incidents.data.items.filter((i) => !i.reverses_id && !i.reversed_by_id).length > 0 && (
          <fieldset class="field" data-testid="case-incidents">
            <legend>{t('ui.discipline.case_incidents')}</legend>
            {incidents.data.items
              .filter((i) => !i.reverses_id && !i.reversed_by_id)
              .map((i) => (
                <CheckboxField
                  key={String(i.id)}
                  name="incident_ids"
                  value={String(i.id)}
                  label={`${formatDate(i.occurred_on, locale)} · ${kindName(locale, i.kind_code)} · ${t(`discipline.tier.${i.students?.find((s) => String(s.person_id) === String(student.id))?.tier ?? 'minor'}`)}`}
                  checked={incidentIds.includes(String(i.id))}
                  onChecked={(on) => setIncidentIds(on ? [...incidentIds, String(i.id)] : incidentIds.filter((x) => x !== String(i.id)))}
                />
              ))}
            {action.errors.fields.incident_ids && <p class="field-error">{action.errors.fields.incident_ids}</p>}
          </fieldset>
        )}
        <PersonPicker label={t('ui.discipline.victim')} name="victim_person_id" value={victim} onValue={setVictim} exclude={student ? [student.id] : []} error={action.errors.fields.victim_person_id} hint={t('ui.discipline.recused_hint')} />
        <PersonPicker
          key={`interested-${interested.length}`}
          label={t('ui.discipline.interested')}
          name="interested_person_ids"
          value={pickingInterested}
          onValue={(p) => {
            if (p && !interested.some((x) => String(x.id) === String(p.id))) setInterested([...interested, p]);
            setPickingInterested(null);
          }}
          exclude={[...interested.map((p) => p.id), ...(student ? [student.id] : [])]}
          error={action.errors.fields.interested_person_ids}
          hint={t('ui.discipline.recused_hint')}
        />
        {interested.length > 0 && (
          <ul class="chip-list" data-testid="interested">
            {interested.map((p) => (
              <li key={String(p.id)} class="chip" data-person-id={String(p.id)}>
                <span>{p.full_name}</span>
                <button type="button" class="chip-remove" onClick={() => setInterested(interested.filter((x) => x.id !== p.id))}>
                  <span aria-hidden="true">×</span>
                  <span class="visually-hidden">{t('ui.discipline.remove_student', { name: p.full_name })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <CheckboxField name="criminal" label={t('ui.discipline.criminal')} checked={criminal} onChecked={setCriminal} hint={t('ui.discipline.criminal_hint')} />
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy}>
            {t('ui.discipline.open')}
          </button>
        </div>
      </form>
    </section>
  );
}

function PhonesTab() {
  const { locale } = useApp();
  const [list, reload] = useResource<{ items: DeviceWithdrawal[] }>('/api/v1/device-withdrawals', [locale]);
  const [student, setStudent] = useState<PickedPerson | null>(null);
  const [on, setOn] = useState(todayInAlmaty());
  const [lesson, setLesson] = useState('');
  const action = useAction(['person_id', 'withdrawn_on', 'lesson']);
  const [last, setLast] = useState<DeviceWithdrawal | null>(null);
  return (
    <>
      <section class="section card" data-testid="phones">
        <h2>
          {t('ui.discipline.phones')} <RuleRef rule="DISC-DEV-1" />
        </h2>
        {list.state === 'loading' && <Loading />}
        {list.state === 'failed' && <Alert>{list.message}</Alert>}
        {list.state === 'ready' && list.data.items.length === 0 && <p class="muted">{t('ui.discipline.no_phones')}</p>}
        {list.state === 'ready' && list.data.items.length > 0 && (
          <ul class="plain-list incident-list">
            {list.data.items.map((d) => (
              <PhoneRow key={String(d.id)} device={d} onChanged={reload} />
            ))}
          </ul>
        )}
      </section>
      <section class="section card" data-testid="withdraw-phone">
        <h2>{t('ui.discipline.withdraw_phone')}</h2>
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!student) return action.fail('person_id', t('ui.discipline.student_required'));
            await action.run(async () => {
              setLast(await api.post<DeviceWithdrawal>('/api/v1/device-withdrawals', { person_id: Number(student.id), withdrawn_on: on, lesson }));
              setStudent(null);
              setLesson('');
              await reload();
            });
          }}
        >
          <PersonPicker label={t('ui.discipline.student')} name="person_id" kind="student" value={student} onValue={setStudent} error={action.errors.fields.person_id} required />
          <div class="form-row">
            <TextField label={t('ui.discipline.withdrawn_on')} name="withdrawn_on" type="date" value={on} onValue={setOn} max={todayInAlmaty()} error={action.errors.fields.withdrawn_on} required />
            <TextField label={t('ui.discipline.lesson')} name="lesson" value={lesson} onValue={setLesson} error={action.errors.fields.lesson} required />
          </div>
          {action.alert}
          {last && (
            <Alert kind={last.only_to_representative ? 'warning' : 'success'}>
              {t(last.only_to_representative ? 'ui.discipline.phone_to_representative' : 'ui.discipline.phone_recorded', { name: last.student ?? '' })}
            </Alert>
          )}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {t('ui.discipline.withdraw')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

function PhoneRow({ device, onChanged }: { device: DeviceWithdrawal; onChanged: () => void }) {
  const { locale } = useApp();
  const [returning, setReturning] = useState(false);
  const [to, setTo] = useState<PickedPerson | null>(null);
  const action = useAction(['returned_to_person_id', 'returned_on']);
  return (
    <li class="incident" data-testid="phone" data-id={String(device.id)}>
      <div class="incident-head">
        <strong>{device.student}</strong>
        <span class="muted">
          {formatDate(device.withdrawn_on, locale)} · {device.lesson}
        </span>
        {device.only_to_representative && <span class="badge badge-tier-major">{t('ui.discipline.only_to_representative')}</span>}
      </div>
      {!returning ? (
        <button type="button" class="button button-secondary button-small" onClick={() => setReturning(true)}>
          {t('ui.discipline.return_phone')}
        </button>
      ) : (
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!to) return action.fail('returned_to_person_id', t('ui.discipline.person_required'));
            if (await action.run(() => api.post(`/api/v1/device-withdrawals/${device.id}/return`, { returned_to_person_id: Number(to.id) }))) onChanged();
          }}
        >
          <PersonPicker
            label={t('ui.discipline.returned_to')}
            name="returned_to_person_id"
            value={to}
            onValue={setTo}
            error={action.errors.fields.returned_to_person_id}
            hint={t(device.only_to_representative ? 'ui.discipline.returned_to_representative_hint' : 'ui.discipline.returned_to_hint')}
            required
          />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {t('ui.discipline.return_confirm')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setReturning(false)}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function CatalogueTab({ manager }: { manager: boolean }) {
  const { locale } = useApp();
  const [on, setOn] = useState(todayInAlmaty());
  const [catalogue, reload] = useResource<Catalogue>(withQuery('/api/v1/discipline/catalogue', { on }), [locale]);
  return (
    <>
      <section class="section card" data-testid="catalogue">
        <h2>
          {t('ui.discipline.catalogue')} <RuleRef rule="DISC-CAT-1" />
        </h2>
        <TextField label={t('ui.discipline.catalogue_on')} name="on" type="date" value={on} onValue={(v) => v && setOn(v)} class="field-narrow" />
        {catalogue.state === 'loading' && <Loading />}
        {catalogue.state === 'failed' && <Alert>{catalogue.message}</Alert>}
        {catalogue.state === 'ready' && (
          <>
            <p data-testid="repeat-window">
              {t('ui.discipline.repeat_window_text', { days: catalogue.data.repeat_window_days })} <RuleRef rule="DISC-ESC-1" />
            </p>
            {TIERS.map((tier) => {
              const kinds = catalogue.data.items.filter((k) => k.tier === tier);
              return (
                <div key={tier} class="tier-group" data-tier={tier}>
                  <h3>
                    <span class={`badge badge-tier-${tier}`}>{t(`discipline.tier.${tier}`)}</span>
                  </h3>
                  <ul class="plain-list">
                    {kinds.map((k) => (
                      <li key={k.code} data-code={k.code}>
                        {k.name}
                        {!k.preset && k.effective_from && <span class="muted"> · {t('ui.discipline.version_from', { date: formatDate(k.effective_from, locale) })}</span>}
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </>
        )}
      </section>
      {manager && catalogue.state === 'ready' && <CatalogueForms catalogue={catalogue.data} onChanged={reload} />}
    </>
  );
}

function CatalogueForms({ catalogue, onChanged }: { catalogue: Catalogue; onChanged: () => void }) {
  const [code, setCode] = useState('');
  const [newCode, setNewCode] = useState('');
  const [tier, setTier] = useState('minor');
  const [from, setFrom] = useState(todayInAlmaty());
  const [kk, setKk] = useState('');
  const [ru, setRu] = useState('');
  const [en, setEn] = useState('');
  const [days, setDays] = useState(String(catalogue.repeat_window_days));
  const version = useAction(['code', 'tier', 'effective_from', 'name_kk', 'name_ru', 'name_en']);
  const settings = useAction(['repeat_window_days']);
  const [saved, setSaved] = useState('');
  const isNew = code === '' || code === '__new';
  return (
    <>
      <section class="section card" data-testid="catalogue-version">
        <h2>
          {t('ui.discipline.new_version')} <RuleRef rule="DISC-VER-1" />
        </h2>
        <p class="field-hint">{t('ui.discipline.new_version_hint')}</p>
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            setSaved('');
            const ok = await version.run(() =>
              api.post('/api/v1/discipline/catalogue/versions', {
                code: isNew ? newCode.trim() : code,
                tier: tier === 'removed' ? null : tier,
                effective_from: from,
                ...(isNew ? { name_kk: kk, name_ru: ru, name_en: en } : {}),
              }),
            );
            if (ok) {
              setSaved(t('ui.discipline.version_saved'));
              onChanged();
            }
          }}
        >
          <SelectField
            label={t('ui.discipline.kind')}
            name="code"
            value={code || '__new'}
            onValue={setCode}
            options={[{ value: '__new', label: t('ui.discipline.new_kind') }, ...catalogue.items.map((k) => ({ value: k.code, label: k.name }))]}
            error={isNew ? undefined : version.errors.fields.code}
          />
          {isNew && <TextField label={t('ui.discipline.code')} name="new_code" value={newCode} onValue={setNewCode} error={version.errors.fields.code} hint={t('ui.discipline.code_hint')} required />}
          <div class="form-row">
            <SelectField
              label={t('ui.discipline.tier')}
              name="tier"
              value={tier}
              onValue={setTier}
              options={[...TIERS.map((x) => ({ value: x, label: t(`discipline.tier.${x}`) })), ...(isNew ? [] : [{ value: 'removed', label: t('ui.discipline.tier_removed') }])]}
              error={version.errors.fields.tier}
            />
            <TextField label={t('ui.discipline.effective_from')} name="effective_from" type="date" value={from} onValue={setFrom} error={version.errors.fields.effective_from} required />
          </div>
          {isNew && (
            <>
              <TextField label={t('ui.discipline.name_kk')} name="name_kk" value={kk} onValue={setKk} error={version.errors.fields.name_kk} required />
              <TextField label={t('ui.discipline.name_ru')} name="name_ru" value={ru} onValue={setRu} error={version.errors.fields.name_ru} required />
              <TextField label={t('ui.discipline.name_en')} name="name_en" value={en} onValue={setEn} error={version.errors.fields.name_en} required />
            </>
          )}
          {version.alert}
          {saved && <Alert kind="success">{saved}</Alert>}
          <div class="form-actions">
            <button type="submit" class="button" disabled={version.busy}>
              {t('ui.common.save')}
            </button>
          </div>
        </form>
      </section>
      <section class="section card" data-testid="repeat-window-form">
        <h2>
          {t('ui.discipline.repeat_window')} <RuleRef rule="DISC-ESC-1" />
        </h2>
        <form
          class="form form-inline"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (await settings.run(() => api.put('/api/v1/discipline/settings', { repeat_window_days: Number(days) }))) onChanged();
          }}
        >
          <TextField
            label={t('ui.discipline.repeat_window_days')}
            name="repeat_window_days"
            type="number"
            min={1}
            max={3660}
            value={days}
            onValue={setDays}
            error={settings.errors.fields.repeat_window_days}
            hint={t('ui.discipline.repeat_window_hint')}
          />
          {settings.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={settings.busy}>
              {t('ui.common.save')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
