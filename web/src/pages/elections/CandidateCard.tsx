// One candidate in the commission's workspace: the program and its review (ELEC-CAMP-3), the
// eligibility criteria (ELEC-ELIG-1), the portfolio files and consent form, registration
// (ELEC-REG-*) and campaign materials (ELEC-CAMP-2).
import { useState } from 'preact/hooks';
import { api, ApiError, requestHeaders, toProblem } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { CheckboxField, TextAreaField, TextField } from '../../components/Field';
import { t } from '../../i18n';
import { candidatePath, CRITERIA, MAX_PROGRAM_WORDS, PORTFOLIO_KINDS, type Candidate, type Election } from './elections';
import { EditNomination } from './NominationForm';
import { PdfLinks, useAction } from './parts';

function CampaignMaterial({ candidate }: { candidate: Candidate }) {
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const action = useAction(['text']);
  return (
    <form
      class="form"
      noValidate
      data-testid="add-material"
      onSubmit={async (event) => {
        event.preventDefault();
        setDone(false);
        const ok = await action.run(async () => {
          await api.post(candidatePath(candidate.id, 'materials'), { text });
        });
        if (ok) {
          setText('');
          setDone(true);
        }
      }}
    >
      <h4>
        {t('ui.election.materials')} <RuleRef rule="ELEC-CAMP-2" />
      </h4>
      {done && <Alert kind="success">{t('ui.election.material_added')}</Alert>}
      {action.alert}
      <TextAreaField label={t('ui.election.material_text')} name="text" rows={2} maxLength={2000} value={text} onValue={setText} error={action.errors.fields.text} />
      <button type="submit" class="button button-secondary" disabled={action.busy || !text.trim()}>
        {t('ui.election.add_material')}
      </button>
    </form>
  );
}

async function putFile(id: Candidate['id'], kind: string, file: File): Promise<void> {
  let response: Response;
  try {
    response = await fetch(candidatePath(id, `files/${kind}`), { method: 'PUT', headers: requestHeaders('PUT', file.type || 'application/octet-stream'), body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw new ApiError(toProblem(response.status, body, response.statusText));
  }
}

export function CandidateCard({
  candidate: c,
  election,
  commission,
  onChanged,
  onSaved,
}: {
  candidate: Candidate;
  election: Election;
  commission: boolean;
  onChanged: () => Promise<void>;
  onSaved: (candidate: Candidate) => void;
}) {
  const [received, setReceived] = useState(false);
  const [reason, setReason] = useState('');
  const register = useAction(['documents_received', ...PORTFOLIO_KINDS.map((k) => `documents.${k}`), 'documents.program', ...CRITERIA.map((k) => `eligibility.${k}`)]);
  const files = useAction();
  const review = useAction(['reason']);
  const leadership = useAction();
  // Documents and registration only while registration is open (ELEC-REG-2).
  const editable = commission && c.status === 'submitted' && !election.list_published_at;
  const has = (kind: string) => (c.files ?? []).some((f) => f.kind === kind);
  return (
    <li class="card candidate-card" data-candidate-id={String(c.id)} data-person-id={String(c.person_id)} data-status={c.status} data-review={c.program_review}>
      <h3>
        {c.full_name}{' '}
        <span class={`badge badge-candidate-${c.status}`} data-testid="candidate-status">
          {t(`ui.election.candidate_status.${c.status}`)}
        </span>
      </h3>
      <p class="muted">{[c.course ? t('ui.election.course', { course: c.course }) : '', c.group ?? '', c.faculty ?? ''].filter(Boolean).join(' · ')}</p>
      <p class="program" data-testid="program">
        {c.program}
      </p>
      <p class="muted">
        {t('ui.election.words', { count: c.program_words, max: MAX_PROGRAM_WORDS })} · {t(`ui.election.review.${c.program_review}`)}
        {c.program_review_reason ? ` — ${c.program_review_reason}` : ''}
      </p>
      {c.leadership_declared && (
        <p>
          {t('ui.election.leadership_declared')}: {c.leadership_declared}
        </p>
      )}
      {c.eligibility && (
        <>
          <h4>
            {t('ui.election.eligibility')} <RuleRef rule="ELEC-ELIG-1" />
          </h4>
          <ul class="plain-list criteria" data-testid="eligibility">
            {c.eligibility.map((item) => {
              const error = register.errors.fields[`eligibility.${item.criterion}`];
              return (
                <li key={item.criterion} data-criterion={item.criterion} data-met={item.met ? 'true' : 'false'} class={item.met ? 'criterion-met' : 'criterion-failed'}>
                  <span aria-hidden="true">{item.met ? '✓ ' : '✗ '}</span>
                  {t(`ui.election.criterion.${item.criterion}`)}: <strong>{t(item.met ? 'ui.election.met' : 'ui.election.failed')}</strong>
                  {error && (
                    <p class="field-error" data-field-error>
                      {error}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {editable && <EditNomination candidate={c} onSaved={onSaved} />}
      {editable && !c.leadership_confirmed && c.leadership_declared && (
        <div>
          {leadership.alert}
          <button
            type="button"
            class="button button-secondary"
            data-testid="confirm-leadership"
            onClick={() =>
              leadership.run(async () => {
                await api.patch(candidatePath(c.id), { leadership_confirmed: true });
                await onChanged();
              })
            }
          >
            {t('ui.election.confirm_leadership')}
          </button>
        </div>
      )}
      {commission && c.files && (
        <div class="portfolio" data-testid="portfolio">
          <h4>
            {t('ui.election.portfolio')} <RuleRef rule="ELEC-REG-1" />
          </h4>
          {files.alert}
          <ul class="plain-list">
            {PORTFOLIO_KINDS.map((kind) => {
              const error = register.errors.fields[`documents.${kind}`];
              const id = `file-${String(c.id)}-${kind}`;
              return (
                <li key={kind} class={`field${error ? ' field-invalid' : ''}`} data-kind={kind} data-uploaded={has(kind) ? 'true' : 'false'}>
                  <label for={id}>
                    {t(`ui.election.file.${kind}`)} {has(kind) ? `✓ ${t('ui.election.uploaded')}` : ''}
                  </label>
                  {editable && (
                    <input
                      id={id}
                      type="file"
                      name={`documents.${kind}`}
                      accept={kind === 'photo' ? 'image/jpeg,image/png' : 'application/pdf,image/jpeg,image/png'}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      onChange={(event) => {
                        const file = (event.currentTarget as HTMLInputElement).files?.[0];
                        if (file)
                          files.run(async () => {
                            await putFile(c.id, kind, file);
                            await onChanged();
                          });
                      }}
                    />
                  )}
                  {error && (
                    <p class="field-error" id={`${id}-error`} data-field-error>
                      {error}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          <p>
            {t('ui.election.consent_form')}:{' '}
            <PdfLinks path={candidatePath(c.id, 'consent.pdf')} testid="consent-pdf" />
          </p>
        </div>
      )}
      {editable && election.registration_open && (
        <form
          class="form"
          noValidate
          data-testid="register"
          onSubmit={async (event) => {
            event.preventDefault();
            await register.run(async () => {
              await api.post(candidatePath(c.id, 'register'), { documents_received: received });
              await onChanged();
            });
          }}
        >
          {register.alert}
          {register.errors.fields['documents.program'] && (
            <p class="field-error" data-field-error>
              {t('ui.election.program')}: {register.errors.fields['documents.program']}
            </p>
          )}
          <CheckboxField label={t('ui.election.documents_received')} name="documents_received" checked={received} onChecked={setReceived} error={register.errors.fields.documents_received} />
          <button type="submit" class="button" disabled={register.busy}>
            {t('ui.election.register')}
          </button>
        </form>
      )}
      {commission && election.campaigning && c.status === 'registered' && c.program_review === 'approved' && <CampaignMaterial candidate={c} />}
      {commission && !election.list_published_at && c.status === 'registered' && (
        <form class="form" noValidate data-testid="review" onSubmit={(event) => event.preventDefault()}>
          <h4>
            {t('ui.election.program_review')} <RuleRef rule="ELEC-CAMP-3" />
          </h4>
          {review.alert}
          <TextField label={t('ui.election.reject_reason')} name="reason" value={reason} onValue={setReason} error={review.errors.fields.reason} />
          <div class="form-actions">
            <button
              type="button"
              class="button"
              data-decision="approved"
              onClick={() =>
                review.run(async () => {
                  await api.post(candidatePath(c.id, 'program-review'), { decision: 'approved' });
                  await onChanged();
                })
              }
            >
              {t('ui.election.approve_program')}
            </button>
            <button
              type="button"
              class="button button-secondary"
              data-decision="rejected"
              onClick={() =>
                review.run(async () => {
                  await api.post(candidatePath(c.id, 'program-review'), { decision: 'rejected', reason });
                  await onChanged();
                })
              }
            >
              {t('ui.election.reject_program')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
