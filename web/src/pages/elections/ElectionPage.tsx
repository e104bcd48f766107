// /elections/:id: the election commission's workspace, phase by phase (ELEC-COM-1): candidates and
// their registration (ELEC-REG-*, ELEC-ELIG-1, ELEC-CAMP-3), the list and the ballot (ELEC-CAMP-1,
// ELEC-DAY-3), polling stations, live turnout, close and count (ELEC-CNT-1), the tie decision, the
// results protocol signed by every member (ELEC-CNT-2) and publication (ELEC-RES-1).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, requestHeaders, toProblem } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formatDateTime, todayInAlmaty } from '../../format';
import { LOCALES, t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import {
  candidatePath,
  countWords,
  CRITERIA,
  electionPath,
  MAX_PROGRAM_WORDS,
  paperCountBody,
  parseVotingCodes,
  phaseReached,
  PORTFOLIO_KINDS,
  rankedResults,
  type Candidate,
  type Election,
  type Protocol,
  type Turnout,
  votingCodesFileName,
  votingCodesPath,
  type VotingCodeRow,
} from './elections';
import { Bars, CalendarList, PhaseBadge, saveText, Section, useAction } from './parts';

const TURNOUT_REFRESH_MS = 5000;

export function ElectionPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [election, reload] = useResource<Election>(electionPath(params.id), [locale]);
  if (election.state === 'loading') return <Loading />;
  if (election.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.election.list_title')} />
        <Alert>{election.message}</Alert>
      </>
    );
  const e = election.data;
  const commission = !!e.is_commission;
  return (
    <>
      <p class="breadcrumb">
        <Link href="/elections">{t('ui.election.back')}</Link>
      </p>
      <PageHeader title={e.title} subtitle={e.academic_year} />
      <p>
        <PhaseBadge phase={e.phase} /> <RuleRef rule="ELEC-DAY-1" />
      </p>
      <CalendarList day={e.calendar.election_day} registrationCloses={e.calendar.registration_closes} silenceStarts={e.calendar.silence_starts} votingOpens={e.calendar.voting_opens} votingCloses={e.calendar.voting_closes} />
      {commission && !e.list_published_at && <MoveElectionDay election={e} onChanged={reload} />}
      {e.voting_open && (
        <p>
          <Link href={`/elections/${encodeURIComponent(String(e.id))}/vote`} class="button" data-testid="booth-link">
            {t('ui.vote.go')}
          </Link>
        </p>
      )}
      {!commission && <p class="muted">{t('ui.election.not_commission')}</p>}
      <CandidatesSection election={e} commission={commission} onChanged={reload} />
      {commission && <BallotSection election={e} onChanged={reload} />}
      {commission && e.ballot_approved_at && !e.voting_closed_at && <VotingCodesSection election={e} />}
      {commission && <StationsSection election={e} onChanged={reload} />}
      {commission && e.ballot_approved_at && !e.voting_closed_at && <TurnoutSection election={e} onChanged={reload} />}
      {commission && e.voting_closed_at && <CountingSection election={e} onChanged={reload} />}
      {e.counted_at && <ResultsSection election={e} commission={commission} onChanged={reload} />}
    </>
  );
}

type Props = { election: Election; onChanged: () => Promise<void> };

function MoveElectionDay({ election, onChanged }: Props) {
  const [day, setDay] = useState(election.calendar.election_day);
  const action = useAction(['election_day']);
  return (
    <form
      class="form inline-form"
      noValidate
      data-testid="move-election-day"
      onSubmit={async (event) => {
        event.preventDefault();
        await action.run(async () => {
          await api.patch(electionPath(election.id), { election_day: day });
          await onChanged();
        });
      }}
    >
      {action.alert}
      <TextField label={t('ui.election.day')} name="election_day" type="date" hint={t('ui.election.day_hint')} value={day} onValue={setDay} error={action.errors.fields.election_day} />
      <button type="submit" class="button button-secondary" disabled={action.busy || day === election.calendar.election_day}>
        {t('ui.election.move_day')}
      </button>
    </form>
  );
}

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

function CandidatesSection({ election, commission, onChanged }: Props & { commission: boolean }) {
  const { locale } = useApp();
  const [list, reloadList] = useResource<{ items: Candidate[] }>(electionPath(election.id, 'candidates'), [locale, election.list_published_at]);
  const publish = useAction();
  const canNominate = commission && election.registration_open && !election.list_published_at;
  const reload = async () => {
    await reloadList();
  };
  return (
    <Section title={t('ui.election.candidates')} testid="election-candidates">
      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <Alert>{list.message}</Alert>}
      {list.state === 'ready' &&
        (list.data.items.length === 0 ? (
          <p class="muted">{t('ui.election.no_candidates')}</p>
        ) : (
          <ul class="plain-list">
            {list.data.items.map((c) => (
              <CandidateCard key={String(c.id)} candidate={c} election={election} commission={commission} onChanged={reload} />
            ))}
          </ul>
        ))}
      {canNominate && <Nominate election={election} onNominated={reload} />}
      {commission && !election.list_published_at && (
        <div class="form-actions" data-testid="publish-list">
          {publish.alert}
          <button
            type="button"
            class="button"
            disabled={publish.busy}
            onClick={() =>
              publish.run(async () => {
                await api.post(electionPath(election.id, 'publish-candidates'), {});
                await onChanged();
              })
            }
          >
            {t('ui.election.publish_list')}
          </button>
        </div>
      )}
      {election.list_published_at && (
        <p class="muted" data-testid="list-published">
          {t('ui.election.list_published', { at: formatDateTime(election.list_published_at, locale) })}
        </p>
      )}
    </Section>
  );
}

const NOMINATE_FIELDS = ['person_id', 'program', 'program_lang', 'leadership_declared'];

function Nominate({ election, onNominated }: { election: Election; onNominated: () => Promise<void> }) {
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [program, setProgram] = useState('');
  const [lang, setLang] = useState('kk');
  const [leadership, setLeadership] = useState('');
  const action = useAction(NOMINATE_FIELDS);
  const words = countWords(program, lang);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!person) {
      action.fail('person_id', t('ui.body.choose_person'));
      return;
    }
    const ok = await action.run(async () => {
      await api.post(electionPath(election.id, 'candidates'), { person_id: Number(person.id), program, program_lang: lang, leadership_declared: leadership });
    });
    if (ok) {
      setPerson(null);
      setProgram('');
      setLeadership('');
      await onNominated();
    }
  };
  return (
    <form class="form" noValidate onSubmit={submit} data-testid="nominate">
      <h3 class="subheading">{t('ui.election.nominate')}</h3>
      {action.alert}
      <PersonPicker label={t('ui.election.student')} name="person_id" kind="student" value={person} onValue={setPerson} required error={action.errors.fields.person_id} />
      <TextAreaField
        label={t('ui.election.program')}
        name="program"
        rows={5}
        value={program}
        onValue={setProgram}
        hint={t('ui.election.words', { count: words, max: MAX_PROGRAM_WORDS })}
        error={action.errors.fields.program ?? (words > MAX_PROGRAM_WORDS ? t('ui.election.too_many_words', { max: MAX_PROGRAM_WORDS }) : undefined)}
      />
      <SelectField label={t('ui.election.program_lang')} name="program_lang" value={lang} onValue={setLang} options={LOCALES.map((l) => ({ value: l, label: t(`ui.lang.${l}.name`) }))} error={action.errors.fields.program_lang} />
      <TextAreaField label={t('ui.election.leadership_declared')} name="leadership_declared" rows={2} value={leadership} onValue={setLeadership} error={action.errors.fields.leadership_declared} />
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy}>
          {t('ui.election.nominate_submit')}
        </button>
      </div>
    </form>
  );
}

const EDIT_FIELDS = ['program', 'program_lang', 'leadership_declared'];

// Before registration the commission corrects the nomination: the program (ELEC-REG-1, at most
// 100 words, counted live as the server counts them) and the declared leadership experience.
function EditNomination({ candidate: c, onChanged }: { candidate: Candidate; onChanged: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [program, setProgram] = useState(c.program);
  const [lang, setLang] = useState(c.program_lang || 'kk');
  const [leadership, setLeadership] = useState(c.leadership_declared);
  const action = useAction(EDIT_FIELDS);
  const words = countWords(program, lang);
  if (!open)
    return (
      <p>
        <button
          type="button"
          class="button button-secondary"
          data-testid="edit-nomination"
          onClick={() => {
            setProgram(c.program);
            setLang(c.program_lang || 'kk');
            setLeadership(c.leadership_declared);
            action.clear();
            setOpen(true);
          }}
        >
          {t('ui.election.edit_nomination')}
        </button>
      </p>
    );
  const changes: Record<string, string> = {};
  if (program !== c.program) changes.program = program;
  if (lang !== c.program_lang) changes.program_lang = lang;
  if (leadership !== c.leadership_declared) changes.leadership_declared = leadership;
  return (
    <form
      class="form"
      noValidate
      data-testid="edit-nomination-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const ok = await action.run(async () => {
          await api.patch(candidatePath(c.id), changes);
        });
        if (ok) {
          setOpen(false);
          await onChanged();
        }
      }}
    >
      <h4>
        {t('ui.election.edit_nomination')} <RuleRef rule="ELEC-REG-1" />
      </h4>
      {action.alert}
      <TextAreaField
        label={t('ui.election.program')}
        name="program"
        rows={5}
        value={program}
        onValue={setProgram}
        hint={t('ui.election.words', { count: words, max: MAX_PROGRAM_WORDS })}
        error={action.errors.fields.program ?? (words > MAX_PROGRAM_WORDS ? t('ui.election.too_many_words', { max: MAX_PROGRAM_WORDS }) : undefined)}
      />
      <SelectField label={t('ui.election.program_lang')} name="program_lang" value={lang} onValue={setLang} options={LOCALES.map((l) => ({ value: l, label: t(`ui.lang.${l}.name`) }))} error={action.errors.fields.program_lang} />
      <TextAreaField label={t('ui.election.leadership_declared')} name="leadership_declared" rows={2} value={leadership} onValue={setLeadership} error={action.errors.fields.leadership_declared} />
      {program !== c.program && c.program_review !== 'pending' && <p class="muted">{t('ui.election.edit_review_again')}</p>}
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy || Object.keys(changes).length === 0}>
          {t('ui.common.save')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => setOpen(false)}>
          {t('ui.common.cancel')}
        </button>
      </div>
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

function CandidateCard({ candidate: c, election, commission, onChanged }: { candidate: Candidate; election: Election; commission: boolean; onChanged: () => Promise<void> }) {
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
      {editable && <EditNomination candidate={c} onChanged={onChanged} />}
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
            {LOCALES.map((l) => (
              <a key={l} href={`${candidatePath(c.id, 'consent.pdf')}?lang=${l}`} data-testid={`consent-pdf-${l}`} class="pdf-link">
                {l.toUpperCase()}{' '}
              </a>
            ))}
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

function BallotSection({ election, onChanged }: Props) {
  const { locale } = useApp();
  const [cutoff, setCutoff] = useState(todayInAlmaty());
  const action = useAction(['roll_cutoff']);
  return (
    <Section title={t('ui.election.ballot')} testid="ballot">
      {election.ballot_approved_at ? (
        <>
          <p data-testid="ballot-approved">
            {t('ui.election.ballot_approved', { at: formatDateTime(election.ballot_approved_at, locale), cutoff: election.roll_cutoff ?? '', size: election.roll_size })}
          </p>
          <p>
            {t('ui.election.ballot_pdf')}:{' '}
            {LOCALES.map((l) => (
              <a key={l} href={`${electionPath(election.id, 'ballot.pdf')}?lang=${l}`} data-testid={`ballot-pdf-${l}`} class="pdf-link">
                {l.toUpperCase()}{' '}
              </a>
            ))}
          </p>
        </>
      ) : election.list_published_at ? (
        <form
          class="form"
          noValidate
          data-testid="approve-ballot"
          onSubmit={async (event) => {
            event.preventDefault();
            await action.run(async () => {
              await api.post(electionPath(election.id, 'ballot/approve'), { roll_cutoff: cutoff || undefined });
              await onChanged();
            });
          }}
        >
          {action.alert}
          <TextField label={t('ui.election.roll_cutoff')} name="roll_cutoff" type="date" value={cutoff} onValue={setCutoff} error={action.errors.fields.roll_cutoff} />
          <button type="submit" class="button" disabled={action.busy}>
            {t('ui.election.approve_ballot')}
          </button>
        </form>
      ) : (
        <p class="muted">{t('ui.election.ballot_after_list')}</p>
      )}
    </Section>
  );
}

// One-time voting codes: signing in with a password costs the server a slow hash per student, too
// slow for thousands on election morning; a code works once and costs nothing to check. The
// answer is the only copy of the codes (the server keeps their hashes).
function VotingCodesSection({ election }: { election: Election }) {
  const all = useAction();
  const one = useAction(['student_numbers']);
  const [issued, setIssued] = useState<number | null>(null);
  const [number, setNumber] = useState('');
  const [reissued, setReissued] = useState<{ row: VotingCodeRow; csv: string } | null>(null);
  return (
    <Section title={t('ui.codes.title')} testid="voting-codes">
      <p>{t('ui.codes.why')}</p>
      <p>{t('ui.codes.how')}</p>
      <Alert kind="warning">{t('ui.codes.keep_safe')}</Alert>
      {issued != null && (
        <p role="status" data-testid="codes-issued" data-count={issued}>
          {issued === 0 ? t('ui.codes.none_left') : t('ui.codes.issued', { count: issued })}
        </p>
      )}
      <div class="form-actions">
        {all.alert}
        <button
          type="button"
          class="button"
          data-testid="download-codes"
          disabled={all.busy}
          onClick={() =>
            all.run(async () => {
              const csv = await api.post<string>(votingCodesPath(election.id), {});
              const rows = parseVotingCodes(csv ?? '');
              setIssued(rows.length);
              if (rows.length > 0) saveText(csv, votingCodesFileName(election.id));
            })
          }
        >
          {t('ui.codes.download')}
        </button>
      </div>
      <form
        class="form inline-form"
        noValidate
        data-testid="reissue-code"
        onSubmit={async (event) => {
          event.preventDefault();
          const wanted = number.trim();
          setReissued(null);
          if (!wanted) {
            one.fail('student_numbers', t('ui.codes.number_required'));
            return;
          }
          await one.run(async () => {
            const csv = await api.post<string>(votingCodesPath(election.id), { student_numbers: [wanted] });
            const row = parseVotingCodes(csv ?? '')[0];
            if (row) setReissued({ row, csv });
            setNumber('');
          });
        }}
      >
        <h3 class="subheading">{t('ui.codes.reissue')}</h3>
        <p class="muted">{t('ui.codes.reissue_hint')}</p>
        {one.alert}
        <TextField label={t('ui.station.student_number')} name="code_student_number" value={number} onValue={setNumber} autoComplete="off" error={one.errors.fields.student_numbers} />
        <button type="submit" class="button button-secondary" disabled={one.busy}>
          {t('ui.codes.reissue_submit')}
        </button>
      </form>
      {reissued && (
        <div class="card" data-testid="reissued-code" data-student-number={reissued.row.student_number}>
          <p>{t('ui.codes.reissued', { name: reissued.row.full_name, number: reissued.row.student_number })}</p>
          <p class="receipt-code" data-testid="new-code">
            {reissued.row.code}
          </p>
          <p class="muted">{t('ui.codes.shown_once')}</p>
          <button type="button" class="button button-secondary" data-testid="reissued-csv" onClick={() => saveText(reissued.csv, votingCodesFileName(election.id, reissued.row.student_number))}>
            {t('ui.codes.save_csv')}
          </button>
        </div>
      )}
    </Section>
  );
}

function StationsSection({ election, onChanged }: Props) {
  const [name, setName] = useState('');
  const action = useAction(['name']);
  return (
    <Section title={t('ui.election.stations')} testid="stations">
      <ul class="plain-list" data-testid="station-list">
        {election.stations.map((s) => (
          <li key={String(s.id)} data-station-id={String(s.id)}>
            <Link href={`/elections/${encodeURIComponent(String(election.id))}/stations/${encodeURIComponent(String(s.id))}`}>{s.name}</Link>
            {s.counted ? ` · ${t('ui.election.station_counted')}` : ''}
          </li>
        ))}
      </ul>
      {!election.voting_closed_at && (
        <form
          class="form inline-form"
          noValidate
          data-testid="add-station"
          onSubmit={async (event) => {
            event.preventDefault();
            const ok = await action.run(async () => {
              await api.post(electionPath(election.id, 'stations'), { name });
            });
            if (ok) {
              setName('');
              await onChanged();
            }
          }}
        >
          {action.alert}
          <TextField label={t('ui.election.station_name')} name="station_name" value={name} onValue={setName} error={action.errors.fields.name} />
          <button type="submit" class="button">
            {t('ui.election.add_station')}
          </button>
        </form>
      )}
    </Section>
  );
}

function TurnoutSection({ election, onChanged }: Props) {
  const [turnout, setTurnout] = useState<Turnout | null>(null);
  const close = useAction();
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<Turnout>(electionPath(election.id, 'turnout'))
        .then((data) => live && setTurnout(data))
        .catch(() => undefined);
    load();
    const timer = window.setInterval(load, TURNOUT_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [election.id]);
  return (
    <Section title={t('ui.election.turnout')} testid="turnout">
      {turnout && (
        <>
          <p data-testid="turnout-total" data-voted={turnout.voted} data-roll={turnout.roll_size}>
            {t('ui.election.turnout_total', { voted: turnout.voted, roll: turnout.roll_size })}
          </p>
          <h3>{t('ui.election.by_hour')}</h3>
          <Bars testid="turnout-hours" rows={turnout.by_hour.map((h) => ({ key: String(h.hour), label: `${String(h.hour).padStart(2, '0')}:00`, value: h.voted, note: t('ui.election.online_station', { online: h.online, station: h.station }) }))} />
          <h3>{t('ui.election.by_faculty')}</h3>
          <Bars testid="turnout-faculties" rows={turnout.by_faculty.map((f) => ({ key: f.faculty || '-', label: f.faculty || t('ui.election.no_faculty'), value: f.voted, note: `/ ${f.roll}` }))} />
        </>
      )}
      {phaseReached(election.phase, 'voting') && (
        <div class="form-actions">
          {close.alert}
          <button
            type="button"
            class="button"
            data-testid="close-voting"
            disabled={close.busy}
            onClick={() =>
              close.run(async () => {
                await api.post(electionPath(election.id, 'close'), {});
                await onChanged();
              })
            }
          >
            {t('ui.election.close_voting')}
          </button>
        </div>
      )}
    </Section>
  );
}

function CountingSection({ election, onChanged }: Props) {
  const count = useAction();
  const [list] = useResource<{ items: Candidate[] }>(electionPath(election.id, 'candidates'), [election.id]);
  const onBallot = list.state === 'ready' ? list.data.items.filter((c) => c.status === 'registered' && c.program_review === 'approved') : [];
  return (
    <Section title={t('ui.election.counting')} testid="counting">
      <p class="muted">
        {t('ui.election.ballot_set_hash')}: <code data-testid="ballot-set-hash">{election.ballot_set_hash}</code>
      </p>
      {!election.counted_at &&
        election.stations.map((s) => <StationCount key={String(s.id)} election={election} station={s} candidates={onBallot} onChanged={onChanged} />)}
      {!election.counted_at && (
        <div class="form-actions">
          {count.alert}
          <button
            type="button"
            class="button"
            data-testid="count"
            onClick={() =>
              count.run(async () => {
                await api.post(electionPath(election.id, 'count'), {});
                await onChanged();
              })
            }
          >
            {t('ui.election.count')} <RuleRef rule="ELEC-CNT-1" />
          </button>
        </div>
      )}
    </Section>
  );
}

function StationCount({ election, station, candidates, onChanged }: Props & { station: Election['stations'][number]; candidates: Candidate[] }) {
  const [votes, setVotes] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState('');
  const [unknown, setUnknown] = useState('');
  const action = useAction(['votes', 'invalid', 'unknown_form']);
  if (station.counted)
    return (
      <p data-testid="station-count" data-station-id={String(station.id)} data-counted="true">
        {station.name}: {t('ui.election.station_counted')}
      </p>
    );
  return (
    <form
      class="form card"
      noValidate
      data-testid="station-count"
      data-station-id={String(station.id)}
      onSubmit={async (event) => {
        event.preventDefault();
        const all: Record<string, string> = {};
        for (const c of candidates) all[String(c.id)] = votes[String(c.id)] ?? '';
        await action.run(async () => {
          await api.put(electionPath(election.id, `stations/${station.id}/count`), paperCountBody(all, invalid, unknown));
          await onChanged();
        });
      }}
    >
      <h3>{t('ui.election.paper_count', { station: station.name })}</h3>
      {action.alert}
      {candidates.map((c, i) => (
        <TextField
          key={String(c.id)}
          label={c.full_name}
          name={`votes_${String(c.id)}`}
          type="number"
          min="0"
          inputMode="numeric"
          value={votes[String(c.id)] ?? ''}
          onValue={(value) => setVotes((current) => ({ ...current, [String(c.id)]: value }))}
          error={i === 0 ? action.errors.fields.votes : undefined}
        />
      ))}
      <TextField label={t('ui.election.invalid')} name="invalid" type="number" min="0" value={invalid} onValue={setInvalid} error={action.errors.fields.invalid} />
      <TextField label={t('ui.election.unknown_form')} name="unknown_form" type="number" min="0" value={unknown} onValue={setUnknown} error={action.errors.fields.unknown_form} />
      <button type="submit" class="button">
        {t('ui.election.save_count')}
      </button>
    </form>
  );
}

function ResultsSection({ election, commission, onChanged }: Props & { commission: boolean }) {
  const { locale, user } = useApp();
  const [protocol, reloadProtocol] = useResource<Protocol>(electionPath(election.id, 'protocol'), [locale, election.counted_at]);
  const [decision, setDecision] = useState('');
  const [winner, setWinner] = useState('');
  const tie = useAction(['decision', 'winner_candidate_id']);
  const sign = useAction();
  const publish = useAction();
  const results = election.results;
  if (!results) return null;
  const ranked = rankedResults(results);
  const nameOf = (id: number) => results.candidates.find((c) => c.candidate_id === id)?.full_name ?? String(id);
  const mine = protocol.state === 'ready' ? protocol.data.signers.find((s) => String(s.person_id) === String(user?.person_id ?? '')) : undefined;
  return (
    <Section title={t('ui.election.results')} testid="results">
      <Bars testid="result-bars" rows={ranked.map((c) => ({ key: String(c.candidate_id), label: c.full_name, value: c.votes, note: t('ui.election.online_paper', { online: c.online, paper: c.paper }) }))} />
      <p>{t('ui.election.results_summary', { voted: results.voted, roll: results.roll_size, invalid: results.invalid, unknown: results.unknown_form, turnout: results.turnout_percent.toFixed(1) })}</p>
      {results.winner_candidate_id != null && (
        <p data-testid="winner" data-candidate-id={String(results.winner_candidate_id)}>
          <strong>{t('ui.election.winner', { name: nameOf(results.winner_candidate_id) })}</strong>
        </p>
      )}
      {election.tie_decision && <p data-testid="tie-decision">{t('ui.election.tie_decision')}: {election.tie_decision}</p>}
      {commission && results.tied.length > 0 && !election.tie_decision && (
        <form
          class="form"
          noValidate
          data-testid="tie-form"
          onSubmit={async (event) => {
            event.preventDefault();
            await tie.run(async () => {
              await api.post(electionPath(election.id, 'tie-decision'), { decision, winner_candidate_id: winner ? Number(winner) : undefined });
              await onChanged();
            });
          }}
        >
          <h3>
            {t('ui.election.tie')} <RuleRef rule="ELEC-RES-1" />
          </h3>
          {tie.alert}
          <TextAreaField label={t('ui.election.tie_decision')} name="decision" required value={decision} onValue={setDecision} error={tie.errors.fields.decision} />
          <SelectField
            label={t('ui.election.tie_winner')}
            name="winner_candidate_id"
            value={winner}
            onValue={setWinner}
            options={[{ value: '', label: t('ui.election.tie_no_winner') }, ...results.tied.map((id) => ({ value: String(id), label: nameOf(id) }))]}
            error={tie.errors.fields.winner_candidate_id}
          />
          <button type="submit" class="button">
            {t('ui.common.save')}
          </button>
        </form>
      )}
      <h3>
        {t('ui.election.protocol')} <RuleRef rule="ELEC-CNT-2" />
      </h3>
      {protocol.state === 'ready' && (
        <>
          <p data-testid="protocol-status" data-status={protocol.data.status}>
            {t(`ui.election.protocol_status.${protocol.data.status}`)}
          </p>
          <ul class="plain-list" data-testid="protocol-signers">
            {protocol.data.signers.map((s) => (
              <li key={String(s.person_id)} data-person-id={String(s.person_id)} data-signed={s.signed_at ? 'true' : 'false'}>
                {s.full_name} — {s.signed_at ? t('ui.election.signed_at', { at: formatDateTime(s.signed_at, locale) }) : t('ui.election.not_signed')}
              </li>
            ))}
          </ul>
          {protocol.data.status !== 'final' && (!mine || !mine.signed_at) && user?.person_id != null && commission && (
            <div class="form-actions">
              {sign.alert}
              <button
                type="button"
                class="button"
                data-testid="sign-protocol"
                onClick={() =>
                  sign.run(async () => {
                    await api.post(electionPath(election.id, 'protocol/sign'), {});
                    await reloadProtocol();
                    await onChanged();
                  })
                }
              >
                {t('ui.election.sign_protocol')}
              </button>
            </div>
          )}
          {protocol.data.status === 'final' && (
            <p>
              {t('ui.election.protocol_pdf')}:{' '}
              {LOCALES.map((l) => (
                <a key={l} href={`${electionPath(election.id, 'protocol.pdf')}?lang=${l}`} data-testid={`protocol-pdf-${l}`} class="pdf-link">
                  {l.toUpperCase()}{' '}
                </a>
              ))}
              {protocol.data.verification_code && (
                <>
                  {' · '}
                  <Link href={`/verify/${encodeURIComponent(protocol.data.verification_code)}`}>{t('ui.election.verify_link')}</Link>
                </>
              )}
            </p>
          )}
        </>
      )}
      {commission && !election.results_published_at && (
        <div class="form-actions">
          {publish.alert}
          <button
            type="button"
            class="button"
            data-testid="publish-results"
            onClick={() =>
              publish.run(async () => {
                await api.post(electionPath(election.id, 'publish-results'), {});
                await onChanged();
              })
            }
          >
            {t('ui.election.publish_results')}
          </button>
        </div>
      )}
      {election.results_published_at && <p data-testid="results-published">{t('ui.election.results_published', { at: formatDateTime(election.results_published_at, locale) })}</p>}
    </Section>
  );
}
