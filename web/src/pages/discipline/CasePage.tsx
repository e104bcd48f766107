// A disciplinary case's file (DISC-CASE-1..5) and what the reader may do with it, as the server's
// policies answer (GET /api/v1/me/abilities?object=discipline_case): the committee's officers
// establish the facts, draw the refusal act and put the case on a session's agenda; the committee
// decides (DISC-PEN-1..3); the principal issues the order (DISC-PEN-4) and reports to law
// enforcement (DISC-LAW-1); the student and the representatives explain, add evidence, ask for
// non-disclosure and withdraw their own explanation (DISC-CASE-5), on a phone too.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api, ApiError, requestHeaders, toProblem } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formatBytes, formatDate, formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import { useAbilities, useResource } from '../bodies/bodies-api';
import type { BodyDetail, MeetingSummary } from '../bodies/bodies-types';
import { useAction } from '../elections/parts';
import {
  casePath,
  DEFENCE_KINDS,
  escalationText,
  EVIDENCE_KINDS,
  EVIDENCE_TYPES,
  evidenceFileProblem,
  evidenceUploadPath,
  explanationText,
  FACTS,
  kindName,
  MEASURES,
  PENALTIES,
  type CaseFile,
  type Evidence,
  type Order,
} from './discipline';

export function CasePage({ params }: RouteProps) {
  const { locale } = useApp();
  const id = params.id;
  const [file, reload, replace] = useResource<CaseFile>(casePath(id), [locale]);
  const may = useAbilities('discipline_case', id);
  if (file.state === 'loading') return <Loading />;
  if (file.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.discipline.case')} />
        <Alert>{file.message}</Alert>
      </>
    );
  const c = file.data;
  const open = c.status === 'open';
  const changed = (next?: CaseFile) => (next && 'evidence' in next ? replace(next) : void reload());
  return (
    <div class="case-page" data-testid="case" data-case-id={String(c.id)} data-status={c.status}>
      <PageHeader title={t('ui.discipline.case_title', { number: c.number })} subtitle={c.student}>
        <span class={`badge badge-case-${c.status}`} data-testid="case-status">
          {t(`ui.discipline.status.${c.status}`)}
        </span>
      </PageHeader>
      <section class="section card" data-testid="case-summary">
        <dl class="facts facts-pairs">
          <dt>{t('ui.discipline.student')}</dt>
          <dd>{c.student}</dd>
          <dt>{t('ui.discipline.opened_on')}</dt>
          <dd>{formatDate(c.opened_on, locale)}</dd>
          <dt>{t('ui.discipline.basis')}</dt>
          <dd>
            {t(`discipline.basis.${c.basis}`)}
            {c.reporter_name ? ` · ${c.reporter_name}` : ''}
          </dd>
          <dt>{t('ui.discipline.summary')}</dt>
          <dd class="pre-line">{c.summary}</dd>
          {c.representative && (
            <>
              <dt>{t('ui.discipline.representative_notified')}</dt>
              <dd>
                {c.representative} <RuleRef rule="REP-1" />
              </dd>
            </>
          )}
          {c.interested.length > 0 && (
            <>
              <dt>{t('ui.discipline.recused')}</dt>
              <dd data-testid="case-interested">
                {c.interested.map((p) => `${p.name} (${t(`ui.discipline.role.${p.role}`)})`).join(', ')} <RuleRef rule="MTG-6" />
              </dd>
            </>
          )}
          {c.non_disclosure && (
            <>
              <dt>{t('ui.discipline.non_disclosure')}</dt>
              <dd data-testid="non-disclosure">{t('ui.discipline.non_disclosure_on')}</dd>
            </>
          )}
          {c.criminal && (
            <>
              <dt>{t('ui.discipline.criminal_short')}</dt>
              <dd>{t('ui.common.yes')}</dd>
            </>
          )}
        </dl>
      </section>
      <ExplanationSection c={c} />
      {may('discipline_case.defend') && open && <DefenceSection c={c} onChanged={changed} />}
      {c.incidents.length > 0 && <IncidentsSection c={c} />}
      <FactsSection c={c} editable={open && may('discipline_case.run')} onChanged={changed} />
      <EvidenceSection c={c} canAdd={open && may('discipline_case.add_evidence')} defender={may('discipline_case.defend')} onChanged={changed} />
      {open && may('discipline_case.run') && c.explanation !== 'received' && !c.refusal_act && <RefusalActForm c={c} onChanged={changed} />}
      {c.refusal_act && (
        <section class="section card" data-testid="refusal-act">
          <h2>
            {t('ui.discipline.refusal_act')} <RuleRef rule="DISC-CASE-2" />
          </h2>
          <p>{formatDateTime(c.refusal_act.drawn_at, locale)}</p>
          <p class="pre-line">{c.refusal_act.note}</p>
          <p>{t('ui.discipline.signed_by', { names: c.refusal_act.signers.map((s) => s.name).join(', ') })}</p>
        </section>
      )}
      <SessionSection c={c} canRun={open && may('discipline_case.run')} onChanged={changed} />
      {c.decision ? <DecisionView c={c} /> : open && may('discipline_case.decide') && c.session?.outcome === 'adopted' && <DecisionForm c={c} onChanged={changed} />}
      <OrdersSection c={c} canIssue={may('discipline_case.issue_order')} />
      {(c.law_report || (c.criminal && may('discipline_case.report_to_law'))) && <LawSection c={c} onChanged={changed} />}
    </div>
  );
}

type Changed = (next?: CaseFile) => void;

/** The RULEBOOK preset's versions carry this date (catalogue.cpp): shown as "the preset". */
const PRESET_FROM = '2000-01-01';

function ExplanationSection({ c }: { c: CaseFile }) {
  const { locale } = useApp();
  const kind = c.explanation === 'received' ? 'success' : c.explanation === 'awaited' ? 'info' : 'warning';
  return (
    <div data-testid="explanation" data-state={c.explanation}>
      <Alert kind={kind}>
        <p>
          {explanationText(c, locale)} <RuleRef rule="DISC-CASE-2" />
        </p>
      </Alert>
    </div>
  );
}

function DefenceSection({ c, onChanged }: { c: CaseFile; onChanged: Changed }) {
  const action = useAction();
  return (
    <section class="section card" data-testid="defence">
      <h2>
        {t('ui.discipline.your_rights')} <RuleRef rule="DISC-CASE-5" />
      </h2>
      <p>{t('ui.discipline.rights_text')}</p>
      {c.non_disclosure ? (
        <p data-testid="non-disclosure-state">{t('ui.discipline.non_disclosure_on')}</p>
      ) : (
        <button
          type="button"
          class="button button-secondary"
          data-testid="ask-non-disclosure"
          disabled={action.busy}
          onClick={() => action.run(async () => onChanged(await api.post<CaseFile>(casePath(c.id, '/non-disclosure'), {})))}
        >
          {t('ui.discipline.ask_non_disclosure')}
        </button>
      )}
      {action.alert}
    </section>
  );
}

function IncidentsSection({ c }: { c: CaseFile }) {
  const { locale } = useApp();
  return (
    <section class="section card" data-testid="case-incident-list">
      <h2>{t('ui.discipline.case_incidents')}</h2>
      <ul class="plain-list incident-list">
        {c.incidents.map((i) => (
          <li key={String(i.id)} class="incident" data-reversed={i.reversed_by_id != null ? 'true' : 'false'}>
            <div class="incident-head">
              <strong>{kindName(locale, i.kind_code)}</strong>
              <span class="muted">
                {formatDate(i.occurred_on, locale)} · {i.place}
              </span>
              {i.reversed_by_id != null && <span class="badge badge-reversed">{t('ui.discipline.reversed')}</span>}
            </div>
            <p>{i.description}</p>
            {(i.students ?? []).map((part) => (
              <p key={String(part.person_id)} class="muted">
                <span class={`badge badge-tier-${part.tier}`}>{t(`discipline.tier.${part.tier}`)}</span> {escalationText(part, i.occurred_on, locale)}{' '}
                <RuleRef rule="DISC-ESC-1" />
              </p>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

function FactsSection({ c, editable, onChanged }: { c: CaseFile; editable: boolean; onChanged: Changed }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<Record<string, string>>(c.facts);
  const action = useAction(FACTS.map((f) => `facts.${f}`));
  const known = FACTS.filter((f) => c.facts[f]);
  if (!editable && known.length === 0) return null;
  return (
    <section class="section card" data-testid="facts">
      <h2>
        {t('ui.discipline.facts')} <RuleRef rule="DISC-CASE-3" />
      </h2>
      {!editing && (
        <>
          {known.length === 0 ? (
            <p class="muted">{t('ui.discipline.no_facts')}</p>
          ) : (
            <dl class="facts facts-pairs">
              {known.map((f) => (
                <Fragment key={f}>
                  <dt>{t(`discipline.fact.${f}`)}</dt>
                  <dd class="pre-line" data-fact={f}>
                    {c.facts[f]}
                  </dd>
                </Fragment>
              ))}
            </dl>
          )}
          {editable && (
            <button type="button" class="button button-secondary" data-testid="edit-facts" onClick={() => (setDraft(c.facts), setEditing(true))}>
              {t('ui.discipline.edit_facts')}
            </button>
          )}
        </>
      )}
      {editing && (
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            const changedFacts = Object.fromEntries(FACTS.filter((f) => (draft[f] ?? '') !== (c.facts[f] ?? '')).map((f) => [f, draft[f] ?? '']));
            if (await action.run(async () => onChanged(await api.put<CaseFile>(casePath(c.id, '/facts'), { facts: changedFacts })))) setEditing(false);
          }}
        >
          {FACTS.map((f) => (
            <TextAreaField
              key={f}
              label={t(`discipline.fact.${f}`)}
              name={`facts.${f}`}
              rows={2}
              value={draft[f] ?? ''}
              onValue={(v) => setDraft({ ...draft, [f]: v })}
              error={action.errors.fields[`facts.${f}`]}
            />
          ))}
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {t('ui.common.save')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setEditing(false)}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function EvidenceSection({ c, canAdd, defender, onChanged }: { c: CaseFile; canAdd: boolean; defender: boolean; onChanged: Changed }) {
  return (
    <section class="section card" data-testid="evidence">
      <h2>
        {t('ui.discipline.evidence')} <RuleRef rule="DISC-CASE-4" />
      </h2>
      {c.evidence.length === 0 ? (
        <p class="muted">{t('ui.discipline.no_evidence')}</p>
      ) : (
        <ul class="plain-list incident-list">
          {c.evidence.map((e) => (
            <EvidenceItem key={String(e.id)} e={e} open={c.status === 'open'} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {canAdd && <AddEvidence c={c} defender={defender} onChanged={onChanged} />}
    </section>
  );
}

function EvidenceItem({ e, open, onChanged }: { e: Evidence; open: boolean; onChanged: Changed }) {
  const { locale } = useApp();
  const mine = useAbilities('case_evidence_author', open && !e.withdrawn_at ? e.id : null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction(['reason']);
  return (
    <li class="incident" data-testid="evidence-item" data-kind={e.kind} data-withdrawn={e.withdrawn_at ? 'true' : 'false'}>
      <div class="incident-head">
        <strong>{t(`discipline.evidence_kind.${e.kind}`)}</strong>
        <span class="muted">
          {e.added_by} · {formatDateTime(e.added_at, locale)}
        </span>
        {e.withdrawn_at && <span class="badge badge-reversed">{t('ui.discipline.withdrawn_at', { at: formatDateTime(e.withdrawn_at, locale) })}</span>}
      </div>
      <p>{e.description}</p>
      {e.text && <p class="pre-line evidence-text">{e.text}</p>}
      {e.file && (
        <p>
          <a href={`/api/v1/case-evidence/${e.id}/file`} data-testid="evidence-file">
            {e.file.name}
          </a>{' '}
          <span class="muted">
            {formatBytes(e.file.size, locale)} · SHA-256 <code class="hash">{e.file.sha256.slice(0, 16)}</code>
          </span>
        </p>
      )}
      {e.withdrawn_at && e.withdrawal_reason && <p class="muted">{t('ui.discipline.withdrawal_reason', { reason: e.withdrawal_reason })}</p>}
      {mine('case_evidence.withdraw') && !withdrawing && (
        <button type="button" class="button button-secondary button-small" data-testid="withdraw-evidence" onClick={() => setWithdrawing(true)}>
          {t('ui.discipline.withdraw_evidence')}
        </button>
      )}
      {withdrawing && (
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (await action.run(async () => onChanged(await api.post<CaseFile>(`/api/v1/case-evidence/${e.id}/withdraw`, { reason })))) setWithdrawing(false);
          }}
        >
          <TextAreaField label={t('ui.discipline.withdraw_reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} required />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button button-danger" disabled={action.busy}>
              {t('ui.discipline.withdraw_evidence')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setWithdrawing(false)}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

async function postFile(path: string, file: File): Promise<CaseFile> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: requestHeaders('POST', file.type || 'application/octet-stream'), body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new ApiError(toProblem(response.status, body, response.statusText));
  return body as CaseFile;
}

function AddEvidence({ c, defender, onChanged }: { c: CaseFile; defender: boolean; onChanged: Changed }) {
  const { locale } = useApp();
  const kinds: readonly string[] = defender ? DEFENCE_KINDS : EVIDENCE_KINDS;
  const [kind, setKind] = useState<string>(kinds[0]);
  const [mode, setMode] = useState<'text' | 'file'>('text');
  const [description, setDescription] = useState(defender ? t('ui.discipline.my_explanation') : '');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState(false);
  const action = useAction(['kind', 'description', 'text', 'file']);
  return (
    <form
      class="form add-evidence"
      noValidate
      data-testid="add-evidence"
      onSubmit={async (event) => {
        event.preventDefault();
        setDone(false);
        if (mode === 'file') {
          if (!file) return action.fail('file', t('ui.discipline.file_required'));
          const problem = evidenceFileProblem(file);
          if (problem) return action.fail('file', t(`ui.discipline.file_${problem}`));
        }
        const ok = await action.run(async () =>
          onChanged(
            mode === 'file'
              ? await postFile(evidenceUploadPath(c.id, kind, description, file!.name), file!)
              : await api.post<CaseFile>(casePath(c.id, '/evidence'), { kind, description, text }),
          ),
        );
        if (ok) {
          setText('');
          setFile(null);
          setDone(true);
        }
      }}
    >
      <h3>{t(defender ? 'ui.discipline.add_explanation' : 'ui.discipline.add_evidence')}</h3>
      <SelectField label={t('ui.discipline.evidence_kind')} name="kind" value={kind} onValue={setKind} options={kinds.map((k) => ({ value: k, label: t(`discipline.evidence_kind.${k}`) }))} error={action.errors.fields.kind} />
      <TextField label={t('ui.discipline.evidence_description')} name="description" value={description} onValue={setDescription} error={action.errors.fields.description} required />
      <div class="choice-row" role="radiogroup" aria-label={t('ui.discipline.evidence_form')}>
        {(['text', 'file'] as const).map((m) => (
          <label key={m} class="role-option">
            <input type="radio" name="evidence-mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`ui.discipline.mode.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'text' ? (
        <TextAreaField label={t('ui.discipline.evidence_text')} name="text" rows={6} value={text} onValue={setText} error={action.errors.fields.text} required />
      ) : (
        <div class={`field${action.errors.fields.file ? ' field-invalid' : ''}`}>
          <span class="field-label" id="evidence-file-label">
            {t('ui.discipline.evidence_file')}
          </span>
          <div class="file-picker">
            <input
              id="evidence-file"
              class="file-input"
              name="file"
              type="file"
              accept={`${EVIDENCE_TYPES.join(',')},.pdf,.jpg,.jpeg,.png`}
              aria-labelledby="evidence-file-label evidence-file-button evidence-file-name"
              onChange={(event) => setFile((event.currentTarget as HTMLInputElement).files?.[0] ?? null)}
            />
            <label for="evidence-file" id="evidence-file-button" class="button button-secondary">
              {t('ui.discipline.choose_file')}
            </label>
            <span id="evidence-file-name" class="file-name">
              {file ? `${file.name} · ${formatBytes(file.size, locale)}` : t('ui.discipline.file_types')}
            </span>
          </div>
          {action.errors.fields.file && (
            <p class="field-error" data-field-error>
              {action.errors.fields.file}
            </p>
          )}
        </div>
      )}
      {action.alert}
      {done && <Alert kind="success">{t('ui.discipline.evidence_added')}</Alert>}
      <div class="form-actions">
        <button type="submit" class="button button-wide" disabled={action.busy}>
          {t('ui.discipline.submit_evidence')}
        </button>
      </div>
    </form>
  );
}

function useCommittee(c: CaseFile) {
  const { locale } = useApp();
  return useResource<BodyDetail>(`/api/v1/bodies/${c.committee_body_id}`, [locale]);
}

function RefusalActForm({ c, onChanged }: { c: CaseFile; onChanged: Changed }) {
  const [body] = useCommittee(c);
  const [signers, setSigners] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const action = useAction(['signer_person_ids', 'note']);
  const members = body.state === 'ready' ? body.data.members.filter((m) => !m.ends_on || m.ends_on >= todayInAlmaty()) : [];
  return (
    <section class="section card" data-testid="refusal-act-form">
      <h2>
        {t('ui.discipline.refusal_act')} <RuleRef rule="DISC-CASE-2" />
      </h2>
      <p class="field-hint">{t('ui.discipline.refusal_act_hint')}</p>
      {!open ? (
        <button type="button" class="button button-secondary" onClick={() => setOpen(true)}>
          {t('ui.discipline.draw_refusal_act')}
        </button>
      ) : (
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            await action.run(async () => onChanged(await api.post<CaseFile>(casePath(c.id, '/refusal-act'), { signer_person_ids: signers.map(Number), note })));
          }}
        >
          <fieldset class="field">
            <legend>{t('ui.discipline.signers')}</legend>
            {members.map((m) => (
              <CheckboxField
                key={String(m.id)}
                name="signer_person_ids"
                value={String(m.person_id)}
                label={m.full_name ?? String(m.person_id)}
                checked={signers.includes(String(m.person_id))}
                onChecked={(on) => setSigners(on ? [...signers, String(m.person_id)] : signers.filter((x) => x !== String(m.person_id)))}
              />
            ))}
            {action.errors.fields.signer_person_ids && <p class="field-error">{action.errors.fields.signer_person_ids}</p>}
          </fieldset>
          <TextAreaField label={t('ui.discipline.act_note')} name="note" value={note} onValue={setNote} error={action.errors.fields.note} required />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy || signers.length !== 3}>
              {t('ui.discipline.draw_refusal_act')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function SessionSection({ c, canRun, onChanged }: { c: CaseFile; canRun: boolean; onChanged: Changed }) {
  const { locale } = useApp();
  const onAgenda = c.session && c.session.outcome == null;
  const [meetings] = useResource<{ items: MeetingSummary[] }>(canRun && !onAgenda ? `/api/v1/bodies/${c.committee_body_id}/meetings` : null, [locale]);
  const [meeting, setMeeting] = useState('');
  const action = useAction(['meeting_id']);
  const usable = meetings.state === 'ready' ? meetings.data.items.filter((m) => m.status !== 'closed') : [];
  const chosen = meeting || String(usable[0]?.id ?? '');
  if (!c.session && !canRun) return null;
  return (
    <section class="section card" data-testid="case-session">
      <h2>
        {t('ui.discipline.consideration')} <RuleRef rule="DISC-CMT-1" />
      </h2>
      {c.session && (
        <p data-testid="case-session-link" data-outcome={c.session.outcome ?? 'pending'}>
          <Link href={`/meetings/${c.session.meeting_id}`}>{t('ui.discipline.session_on', { date: formatDate(c.session.held_on, locale) })}</Link>
          {' · '}
          {c.session.outcome ? t(`ui.discipline.outcome.${c.session.outcome}`) : t('ui.discipline.outcome.pending')}
        </p>
      )}
      {c.session && c.session.outcome == null && <p class="field-hint">{t('ui.discipline.vote_on_session')}</p>}
      {canRun && !onAgenda && (
        <form
          class="form"
          noValidate
          data-testid="agenda-form"
          onSubmit={async (event) => {
            event.preventDefault();
            await action.run(async () => onChanged(await api.post<CaseFile>(casePath(c.id, '/agenda'), { meeting_id: Number(chosen) })));
          }}
        >
          {meetings.state === 'ready' && usable.length === 0 && <p class="muted">{t('ui.discipline.no_sessions')}</p>}
          {usable.length > 0 && (
            <SelectField
              label={t('ui.discipline.session')}
              name="meeting_id"
              value={chosen}
              onValue={setMeeting}
              options={usable.map((m) => ({ value: String(m.id), label: t('ui.discipline.session_option', { number: m.number, date: formatDate(m.held_on, locale), time: m.starts_at }) }))}
              error={action.errors.fields.meeting_id}
            />
          )}
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy || !chosen}>
              {t('ui.discipline.put_on_agenda')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function DecisionView({ c }: { c: CaseFile }) {
  const { locale } = useApp();
  const d = c.decision!;
  return (
    <section class="section card" data-testid="decision" data-penalty={d.penalty ?? ''}>
      <h2>
        {t('ui.discipline.decision')} <RuleRef rule="DISC-PEN-1" />
      </h2>
      <dl class="facts facts-pairs">
        <dt>{t('ui.discipline.decided_on')}</dt>
        <dd>{formatDate(d.decided_on, locale)}</dd>
        <dt>{t('ui.discipline.measures')}</dt>
        <dd data-testid="decision-measures">{d.measures.length ? d.measures.map((m) => t(`discipline.measure.${m}`)).join(', ') : t('ui.common.not_set')}</dd>
        <dt>{t('ui.discipline.penalty')}</dt>
        <dd data-testid="decision-penalty">{d.penalty ? t(`discipline.penalty.${d.penalty}`) : t('ui.discipline.no_penalty')}</dd>
        {d.reasons && (
          <>
            <dt>{t('ui.discipline.reasons')}</dt>
            <dd class="pre-line">{d.reasons}</dd>
          </>
        )}
        {d.tiers.map((x) => (
          <Fragment key={x.kind_code}>
            <dt>{kindName(locale, x.kind_code)}</dt>
            <dd>
              {x.tier ? t(`discipline.tier.${x.tier}`) : t('ui.discipline.tier_removed')} ·{' '}
              {x.version_from <= PRESET_FROM
                ? t('ui.discipline.version_preset')
                : t(x.softened_retroactively ? 'ui.discipline.version_softened' : 'ui.discipline.version_applied', { date: formatDate(x.version_from, locale) })}{' '}
              <RuleRef rule="DISC-VER-1" />
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function DecisionForm({ c, onChanged }: { c: CaseFile; onChanged: Changed }) {
  const [measures, setMeasures] = useState<string[]>([]);
  const [penalty, setPenalty] = useState('');
  const [reasons, setReasons] = useState('');
  const [council, setCouncil] = useState('');
  const [appliesOn, setAppliesOn] = useState(todayInAlmaty());
  const action = useAction(['measures', 'penalty', 'reasons', 'council_item_id', 'applies_on']);
  return (
    <section class="section card" data-testid="decision-form">
      <h2>
        {t('ui.discipline.decision')} <RuleRef rule="DISC-PEN-1" />
      </h2>
      <p class="field-hint">{t('ui.discipline.decision_hint')}</p>
      <form
        class="form"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          await action.run(async () =>
            onChanged(
              await api.post<CaseFile>(casePath(c.id, '/decision'), {
                measures,
                penalty: penalty || null,
                ...(reasons.trim() ? { reasons } : {}),
                ...(penalty === 'exclusion' && council ? { council_item_id: Number(council) } : {}),
                applies_on: appliesOn,
              }),
            ),
          );
        }}
      >
        <fieldset class="field">
          <legend>{t('ui.discipline.measures')}</legend>
          {MEASURES.map((m) => (
            <CheckboxField
              key={m}
              name="measures"
              value={m}
              label={t(`discipline.measure.${m}`)}
              checked={measures.includes(m)}
              onChecked={(on) => setMeasures(on ? [...measures, m] : measures.filter((x) => x !== m))}
            />
          ))}
          {action.errors.fields.measures && <p class="field-error">{action.errors.fields.measures}</p>}
        </fieldset>
        <SelectField
          label={t('ui.discipline.penalty')}
          name="penalty"
          value={penalty}
          onValue={setPenalty}
          options={[{ value: '', label: t('ui.discipline.no_penalty') }, ...PENALTIES.map((p) => ({ value: p, label: t(`discipline.penalty.${p}`) }))]}
          error={action.errors.fields.penalty}
        />
        {penalty && <TextAreaField label={t('ui.discipline.reasons')} name="reasons" value={reasons} onValue={setReasons} error={action.errors.fields.reasons} hint={t('ui.discipline.reasons_hint')} required />}
        {penalty === 'exclusion' && (
          <TextField
            label={t('ui.discipline.council_item')}
            name="council_item_id"
            inputMode="numeric"
            value={council}
            onValue={setCouncil}
            error={action.errors.fields.council_item_id}
            hint={t('ui.discipline.council_item_hint')}
            required
          />
        )}
        {penalty && <TextField label={t('ui.discipline.applies_on')} name="applies_on" type="date" value={appliesOn} onValue={setAppliesOn} error={action.errors.fields.applies_on} hint={t('ui.discipline.applies_on_hint')} />}
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy}>
            {t('ui.discipline.record_decision')}
          </button>
        </div>
      </form>
    </section>
  );
}

function OrdersSection({ c, canIssue }: { c: CaseFile; canIssue: boolean }) {
  const { locale } = useApp();
  const [issuedOn, setIssuedOn] = useState(todayInAlmaty());
  const [grounds, setGrounds] = useState('');
  const action = useAction(['issued_on', 'grounds']);
  const needsOrder = c.decision?.penalty && !c.orders.some((o) => o.kind === 'penalty');
  if (c.orders.length === 0 && !(needsOrder && canIssue)) return null;
  return (
    <section class="section card" data-testid="case-orders">
      <h2>
        {t('ui.discipline.orders')} <RuleRef rule="DISC-PEN-4" />
      </h2>
      {c.orders.length > 0 && (
        <ul class="plain-list overview-list">
          {c.orders.map((o) => (
            <li key={String(o.id)} data-testid="case-order">
              <Link href={`/discipline/orders/${o.id}`}>{t(o.kind === 'withdrawal' ? 'ui.discipline.order_withdrawal_title' : 'ui.discipline.order_title', { number: o.number })}</Link>
              <span class="muted">
                {formatDate(o.issued_on, locale)} · {o.delivered_on ? t('ui.discipline.delivered_on', { date: formatDate(o.delivered_on, locale) }) : t('ui.discipline.not_delivered')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {needsOrder && canIssue && (
        <form
          class="form"
          noValidate
          data-testid="issue-order"
          onSubmit={async (event) => {
            event.preventDefault();
            let order: Order | null = null;
            await action.run(async () => {
              order = await api.post<Order>(casePath(c.id, '/order'), { issued_on: issuedOn, ...(grounds.trim() ? { grounds } : {}) });
            });
            if (order) navigate(`/discipline/orders/${(order as Order).id}`);
          }}
        >
          <TextField label={t('ui.discipline.issued_on')} name="issued_on" type="date" value={issuedOn} onValue={setIssuedOn} max={todayInAlmaty()} error={action.errors.fields.issued_on} />
          <TextAreaField label={t('ui.discipline.grounds')} name="grounds" value={grounds} onValue={setGrounds} error={action.errors.fields.grounds} hint={t('ui.discipline.grounds_hint')} />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {t('ui.discipline.issue_order')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function LawSection({ c, onChanged }: { c: CaseFile; onChanged: Changed }) {
  const { locale } = useApp();
  const [on, setOn] = useState(todayInAlmaty());
  const [agencies, setAgencies] = useState<string[]>(['police', 'situational_centre']);
  const [by, setBy] = useState<PickedPerson | null>(null);
  const [note, setNote] = useState('');
  const action = useAction(['reported_on', 'agencies', 'reported_by_person_id', 'note']);
  const r = c.law_report;
  return (
    <section class="section card" data-testid="law-report">
      <h2>
        {t('ui.discipline.law_report')} <RuleRef rule="DISC-LAW-1" />
      </h2>
      {r ? (
        <p>
          {t('ui.discipline.law_reported', {
            date: formatDate(r.reported_on, locale),
            agencies: r.agencies.map((a) => t(`ui.discipline.agency.${a}`)).join(', '),
            name: r.reported_by,
          })}
          {r.note ? ` ${r.note}` : ''}
        </p>
      ) : (
        <form
          class="form"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!by) return action.fail('reported_by_person_id', t('ui.discipline.person_required'));
            await action.run(async () =>
              onChanged(await api.post<CaseFile>(casePath(c.id, '/law-report'), { reported_on: on, agencies, reported_by_person_id: Number(by.id), ...(note ? { note } : {}) })),
            );
          }}
        >
          <TextField label={t('ui.discipline.reported_on')} name="reported_on" type="date" value={on} onValue={setOn} max={todayInAlmaty()} error={action.errors.fields.reported_on} required />
          <fieldset class="field">
            <legend>{t('ui.discipline.agencies')}</legend>
            {['police', 'situational_centre'].map((a) => (
              <CheckboxField key={a} name="agencies" value={a} label={t(`ui.discipline.agency.${a}`)} checked={agencies.includes(a)} onChecked={(v) => setAgencies(v ? [...agencies, a] : agencies.filter((x) => x !== a))} />
            ))}
            {action.errors.fields.agencies && <p class="field-error">{action.errors.fields.agencies}</p>}
          </fieldset>
          <PersonPicker label={t('ui.discipline.reported_by')} name="reported_by_person_id" kind="staff" value={by} onValue={setBy} error={action.errors.fields.reported_by_person_id} required />
          <TextAreaField label={t('ui.discipline.note')} name="note" value={note} onValue={setNote} error={action.errors.fields.note} />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {t('ui.discipline.record_law_report')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
