// /public/:institutionId/elections/:id/vote: voting with a one-time code from the commission,
// without signing in (ELEC-DAY-1, ELEC-DAY-2). The voter types the code (case, spaces and dashes
// do not matter), then chooses on the same phone-first cards, confirms and gets the receipt as in
// the signed-in booth. The candidates come from the public election page. A verifiable election
// (issue 13) uses VerifiableBooth instead: choose first, then the code (a Belenios credential)
// encrypts and signs the ballot in this browser, and the receipt is its tracker.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { BallotChoice, ConfirmVote, VoteReceipt } from './booth';
import { normalizeVotingCode, publicElectionPath, publicVotePath, votingCodeLooksValid, wallTime, type PublicElection } from './elections';
import { useAction } from './parts';
import { answersMatch, boothIsVerifiable, publicBallotsPath } from './booth-crypto';
import { TrackerReceipt, useBelenios, VerifiableBooth, type TrackerReceiptData } from './VerifiableBooth';

type Step = 'code' | 'choose' | 'confirm';

export function CodeVotePage({ params }: RouteProps) {
  const { locale } = useApp();
  const [election] = useResource<PublicElection>(publicElectionPath(params.institutionId, params.id), [locale]);
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>('code');
  const [chosen, setChosen] = useState<number | null>(null);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [tracker, setTracker] = useState<TrackerReceiptData | null>(null);
  const cast = useAction(['code', 'candidate_id']);
  const belenios = useBelenios(params.institutionId, params.id, [locale]);

  if (election.state === 'loading' || belenios.state === 'loading') return <Loading />;
  if (election.state === 'failed') return <Alert>{election.message}</Alert>;
  const e = election.data;
  const publicLink = `/public/${encodeURIComponent(params.institutionId)}/elections/${encodeURIComponent(params.id)}`;
  if (receipt) return <VoteReceipt receipt={receipt} publicLink={publicLink} />;
  if (tracker) return <TrackerReceipt receipt={tracker} institutionId={params.institutionId} electionId={params.id} />;
  const verifiable = belenios.booth;

  const candidates = e.candidates.map((c) => ({ candidate_id: c.candidate_id, name: c.full_name, course: c.course, faculty: c.faculty, program: c.program }));
  const state = e.phase === 'voting' ? 'open' : ['registration', 'campaign', 'silence'].includes(e.phase) ? 'not_open' : 'closed';
  // The server answers an unknown code with "invalid" on the field: said here in the voter's words.
  const codeError = cast.errors.fields.code ? t('ui.vote_code.unknown') : undefined;
  return (
    <div class="booth" data-testid="code-booth" data-state={state} data-step={verifiable ? 'verifiable' : step}>
      <p class="breadcrumb">
        <Link href={publicLink}>{e.title}</Link>
      </p>
      <PageHeader title={t('ui.vote_code.title')} subtitle={e.title} />
      {state === 'not_open' && (
        <Alert kind="info">{t('ui.vote.not_open', { date: formatDate(e.voting_opens.slice(0, 10), locale), opens: wallTime(e.voting_opens), closes: wallTime(e.voting_closes) })}</Alert>
      )}
      {state === 'closed' && <Alert kind="info">{t('ui.vote.closed')}</Alert>}
      {state === 'open' && verifiable && !boothIsVerifiable(verifiable) && <Alert kind="warning">{t('ui.booth.not_ready')}</Alert>}
      {state === 'open' && boothIsVerifiable(verifiable) &&
        (answersMatch(verifiable.answers, candidates.map((c) => c.candidate_id)) ? (
          <VerifiableBooth booth={verifiable} candidates={candidates} castPath={publicBallotsPath(params.institutionId, params.id)} onCast={setTracker} />
        ) : (
          <Alert>{t('ui.booth.ballot_mismatch')}</Alert>
        ))}
      {state === 'open' && !verifiable && step === 'code' && (
        <form
          class="form"
          noValidate
          data-testid="code-form"
          onSubmit={(event) => {
            event.preventDefault();
            const normal = normalizeVotingCode(code);
            setCode(normal);
            if (!votingCodeLooksValid(normal)) {
              cast.fail('code', t(normal ? 'ui.vote_code.malformed' : 'ui.vote_code.required'));
              return;
            }
            cast.clear();
            setStep('choose');
          }}
        >
          <p>{t('ui.vote_code.intro')}</p>
          <TextField
            label={t('ui.vote_code.code')}
            name="code"
            value={code}
            onValue={setCode}
            hint={t('ui.vote_code.code_hint')}
            error={codeError ?? cast.errors.fields.code}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            required
          />
          <button type="submit" class="button button-large" data-testid="code-next">
            {t('ui.vote.next')}
          </button>
        </form>
      )}
      {state === 'open' && !verifiable && step === 'choose' && (
        <BallotChoice
          candidates={candidates}
          chosen={chosen}
          onChoose={setChosen}
          error={cast.errors.fields.candidate_id}
          onNext={() => (chosen == null ? cast.fail('candidate_id', t('ui.vote.choose_first')) : setStep('confirm'))}
        />
      )}
      {state === 'open' && !verifiable && step === 'confirm' && chosen != null && (
        <ConfirmVote
          name={candidates.find((c) => c.candidate_id === chosen)?.name ?? ''}
          busy={cast.busy}
          alert={cast.alert}
          error={cast.errors.fields.candidate_id}
          onConfirm={() =>
            void cast.run(async () => {
              try {
                const answer = await api.post<{ receipt: string }>(publicVotePath(params.institutionId, params.id), { code: normalizeVotingCode(code), candidate_id: chosen });
                setReceipt(answer.receipt);
              } catch (error) {
                // An unknown code: back to the code, the message next to it.
                if (error instanceof ApiError && error.fieldErrors.some((f) => f.field === 'code')) setStep('code');
                throw error;
              }
            })
          }
          onBack={() => setStep('choose')}
        />
      )}
    </div>
  );
}
