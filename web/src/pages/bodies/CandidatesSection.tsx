// Candidates for membership of a body (ORG-6): proposed by those who run the body, considered by
// the body at a session ("membership candidates" item), and the decision recorded on each one;
// an adopted decision seats the candidate (with ORG-4 acceptance), a rejected one closes it.
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList, RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, ruleOf, type FormErrors } from '../../errors';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { bodyPath, meetingTitle, positionName, useResource } from './bodies-api';
import type { BodyDetail, BodyTemplate, Meeting, MeetingSummary } from './bodies-types';
import {
  CANDIDATE_FIELDS,
  candidateBody,
  candidateDecisions,
  candidateProblems,
  chosenDecision,
  DECISION_FIELDS,
  decisionBody,
  decisionProblems,
  defaultCandidatePosition,
  sortCandidates,
  unproposable,
  type CandidateDecision,
  type DecisionForm,
  type MembershipCandidate,
} from './candidates';

const withRule = (message: string | undefined, rule: string | null) => (message && rule ? `${message} (${t('ui.rule.ref', { rule })})` : message);

export function CandidatesSection({ detail, template, runs, onSeated }: { detail: BodyDetail; template: BodyTemplate | null; runs: boolean; onSeated: () => Promise<void> }) {
  const { locale } = useApp();
  const [list, reload] = useResource<{ items: MembershipCandidate[] }>(`${bodyPath(String(detail.id))}/candidates`, [locale]);
  const [notice, setNotice] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<CandidateDecision[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const candidates = list.state === 'ready' ? sortCandidates(list.data.items) : [];

  /** Closed votes on "membership candidates" items of this body's sessions (loaded once, on demand). */
  const loadDecisions = async (): Promise<CandidateDecision[]> => {
    if (decisions) return decisions;
    const summaries = await api.get<{ items: MeetingSummary[] }>(`${bodyPath(String(detail.id))}/meetings`);
    const meetings = await Promise.all(summaries.items.map((summary) => api.get<Meeting>(`/api/v1/meetings/${encodeURIComponent(String(summary.id))}`)));
    const found = candidateDecisions(meetings, detail.id);
    setDecisions(found);
    return found;
  };

  return (
    <section id="candidates" class="section card" aria-labelledby="candidates-title" data-testid="candidates">
      <h2 id="candidates-title" ref={heading} tabIndex={-1}>
        {t('ui.candidates.title')} <RuleRef rule="ORG-6" />
      </h2>
      {detail.rules.candidates_by_decision && <p class="muted">{t('ui.candidates.intro')}</p>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <Alert>{list.message}</Alert>}
      {list.state === 'ready' &&
        (candidates.length === 0 ? (
          <p class="muted">{t('ui.candidates.empty')}</p>
        ) : (
          <ul class="plain-list candidate-list" data-testid="candidate-list">
            {candidates.map((candidate) => (
              <li key={String(candidate.id)} class="candidate" data-candidate-id={String(candidate.id)} data-person-id={String(candidate.person_id)} data-status={candidate.status}>
                <p class="candidate-line">
                  <strong>{candidate.full_name}</strong>
                  {' · '}
                  {positionName(candidate.position)}{' '}
                  <span class={`badge badge-candidate-${candidate.status}`} data-testid="candidate-status">
                    {t(`ui.candidates.status.${candidate.status}`)}
                  </span>
                </p>
                {candidate.note && <p class="muted candidate-note">{candidate.note}</p>}
                {runs && candidate.status === 'proposed' && (
                  <RecordDecision
                    candidate={candidate}
                    loadDecisions={loadDecisions}
                    onDecided={async (outcome) => {
                      setNotice(null);
                      await reload();
                      if (outcome === 'adopted') await onSeated();
                      setNotice(t(outcome === 'adopted' ? 'ui.candidates.decided_accepted' : 'ui.candidates.decided_rejected', { name: candidate.full_name }));
                      heading.current?.focus();
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        ))}
      {runs && (
        <ProposeCandidate
          detail={detail}
          positions={template?.positions ?? []}
          exclude={unproposable(detail.members, list.state === 'ready' ? list.data.items : [])}
          onProposed={async (name) => {
            setNotice(null);
            await reload();
            setNotice(t('ui.candidates.proposed_notice', { name }));
          }}
        />
      )}
    </section>
  );
}

function ProposeCandidate({ detail, positions, exclude, onProposed }: { detail: BodyDetail; positions: string[]; exclude: Array<string | number>; onProposed: (name: string) => Promise<void> }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [position, setPosition] = useState(() => defaultCandidatePosition(positions));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosenPosition = position || defaultCandidatePosition(positions);

  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    const form = { person_id: person?.id ?? null, position: chosenPosition, note };
    const local = candidateProblems(form);
    if (Object.keys(local).length > 0) {
      const fields: Record<string, string> = {};
      for (const [field, code] of Object.entries(local)) fields[field] = t(`ui.body.${code}`);
      setErrors({ fields, general: [] });
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`${bodyPath(String(detail.id))}/candidates`, candidateBody(form));
      const name = person?.full_name ?? '';
      setPerson(null);
      setNote('');
      await onProposed(name);
    } catch (error) {
      setErrors(formErrors(error, CANDIDATE_FIELDS));
      setRule(ruleOf(error));
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3 class="subheading">{t('ui.candidates.propose')}</h3>
      <form ref={formRef} class="form" noValidate onSubmit={submit} data-testid="propose-candidate">
        <ErrorList messages={errors.general} rule={rule} />
        <div class="grid-2">
          <PersonPicker label={t('ui.body.person')} name="candidate_person_id" value={person} onValue={setPerson} exclude={exclude} required error={errors.fields.person_id} />
          <SelectField
            label={t('ui.body.position')}
            name="candidate_position"
            required
            value={chosenPosition}
            onValue={setPosition}
            error={errors.fields.position}
            options={[{ value: '', label: t('ui.common.choose') }, ...positions.map((value) => ({ value, label: positionName(value) }))]}
          />
        </div>
        <TextAreaField label={t('ui.candidates.note')} name="candidate_note" hint={t('ui.candidates.note_hint')} maxLength={2000} rows={2} value={note} onValue={setNote} error={errors.fields.note} />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.candidates.propose_submit')}
          </button>
        </div>
      </form>
    </>
  );
}

function RecordDecision({
  candidate,
  loadDecisions,
  onDecided,
}: {
  candidate: MembershipCandidate;
  loadDecisions: () => Promise<CandidateDecision[]>;
  onDecided: (outcome: 'adopted' | 'rejected') => Promise<void>;
}) {
  const { locale } = useApp();
  const formRef = useRef<HTMLFormElement>(null);
  const [decisions, setDecisions] = useState<CandidateDecision[] | null>(null);
  const [form, setForm] = useState<DecisionForm>(() => ({ agenda_item_id: '', starts_on: todayInAlmaty(), accepted_regulation: false }));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cid = String(candidate.id);
  const chosen = decisions ? chosenDecision(decisions, form.agenda_item_id) : null;
  const set = <K extends keyof DecisionForm>(key: K) => (value: DecisionForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const open = async () => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      setDecisions(await loadDecisions());
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('select')?.focus(), 0);
    } catch (error) {
      setErrors({ fields: {}, general: [problemMessage(error)] });
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    const local = decisionProblems(form, chosen);
    if (Object.keys(local).length > 0) {
      const fields: Record<string, string> = {};
      for (const field of Object.keys(local)) fields[field] = t('field.required');
      setErrors({ fields, general: [] });
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`/api/v1/membership-candidates/${encodeURIComponent(cid)}/decision`, decisionBody(form, chosen));
      await onDecided(chosen?.outcome ?? 'adopted');
    } catch (error) {
      const mapped = formErrors(error, DECISION_FIELDS);
      const rid = ruleOf(error);
      // A rule's refusal without a field sits next to the decision it is about.
      if (rid && Object.keys(mapped.fields).length === 0) mapped.fields.agenda_item_id = problemMessage(error);
      setErrors(mapped);
      setRule(rid);
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  if (!decisions)
    return (
      <div class="form-actions">
        <ErrorList messages={errors.general} />
        <button type="button" class="button button-secondary button-small" disabled={busy} onClick={open} data-action="record-decision">
          {busy ? t('ui.common.loading') : t('ui.candidates.record_decision')}
          <span class="visually-hidden"> {candidate.full_name}</span>
        </button>
      </div>
    );

  const label = (decision: CandidateDecision) =>
    `${meetingTitle(decision.meeting_number)} (${formatDate(decision.held_on, locale)}) · ${decision.title}: ${t(`ui.meeting.outcome.${decision.outcome}`)}`;

  return (
    <form ref={formRef} class="form candidate-decision" noValidate onSubmit={submit} data-testid="record-decision" aria-label={t('ui.candidates.decision_for', { name: candidate.full_name })}>
      <ErrorList messages={errors.general} rule={rule} />
      {decisions.length === 0 ? (
        <p class="muted">{t('ui.candidates.no_decisions')}</p>
      ) : (
        <>
          <SelectField
            label={t('ui.candidates.decision')}
            name="agenda_item_id"
            required
            hint={t('ui.candidates.decision_hint')}
            value={form.agenda_item_id}
            onValue={set('agenda_item_id')}
            error={withRule(errors.fields.agenda_item_id, rule)}
            options={[{ value: '', label: t('ui.common.choose') }, ...decisions.map((d) => ({ value: String(d.id), label: label(d) }))]}
          />
          {chosen?.outcome === 'adopted' && (
            <>
              <TextField class="field-narrow" label={t('ui.body.starts_on')} name="starts_on" type="date" required value={form.starts_on} onValue={set('starts_on')} error={errors.fields.starts_on} />
              <CheckboxField
                label={t('ui.body.accepted_regulation')}
                name="accepted_regulation"
                hint={t('ui.body.accepted_regulation_hint')}
                checked={form.accepted_regulation}
                onChecked={set('accepted_regulation')}
                error={withRule(errors.fields.accepted_regulation, rule)}
              />
            </>
          )}
          {chosen?.outcome === 'rejected' && <p class="muted">{t('ui.candidates.rejected_hint')}</p>}
        </>
      )}
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy || decisions.length === 0}>
          {busy ? t('ui.common.saving') : t('ui.candidates.decision_submit')}
        </button>
      </div>
    </form>
  );
}
