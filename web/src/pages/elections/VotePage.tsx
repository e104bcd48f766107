// /elections/:id/vote: the voting booth for students (ELEC-DAY-1, ELEC-DAY-2, ELEC-DAY-3), phone
// first: the candidates as large cards in ballot order, one choice, a confirmation step, then the
// receipt code to find in the public list after the close (the pieces in booth.tsx). A verifiable
// election (issue 13) has its own booth instead: the voter confirms with their voting code, the
// ballot is encrypted here and the receipt is its tracker on the public board (VerifiableBooth).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { ballotName, electionPath, wallTime, type MyBallot } from './elections';
import { BallotChoice, ConfirmVote, VoteReceipt } from './booth';
import { answersMatch, ballotsPath, boothIsVerifiable } from './booth-crypto';
import { useAction } from './parts';
import { TrackerReceipt, useBelenios, VerifiableBooth, type TrackerReceiptData } from './VerifiableBooth';

export function VotePage({ params }: RouteProps) {
  const { locale, user } = useApp();
  const [ballot, reload] = useResource<MyBallot>(electionPath(params.id, 'my-ballot'), [locale]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const [tracker, setTracker] = useState<TrackerReceiptData | null>(null);
  const cast = useAction(['candidate_id']);
  const institutionId = user?.institution?.id ?? null;
  const belenios = useBelenios(institutionId, params.id, [locale]);

  if (ballot.state === 'loading' || belenios.state === 'loading') return <Loading />;
  if (ballot.state === 'failed') return <Alert>{ballot.message}</Alert>;
  const b = ballot.data;
  const verifiable = belenios.booth;
  const publicLink = user?.institution ? `/public/${encodeURIComponent(String(user.institution.id))}/elections/${encodeURIComponent(params.id)}` : null;

  if (receipt) return <VoteReceipt receipt={receipt} publicLink={publicLink} />;
  if (tracker && institutionId != null) return <TrackerReceipt receipt={tracker} institutionId={institutionId} electionId={params.id} />;

  // With revoting allowed, an earlier online ballot does not close the booth: a new one replaces it.
  const revoting = !!verifiable?.revote && b.voted && b.voted_via !== 'station';
  const state = !b.on_roll ? 'not_on_roll' : b.voted && !revoting ? 'voted' : b.voting_open ? 'open' : ['voting', 'silence', 'campaign', 'registration'].includes(b.phase) ? 'not_open' : 'closed';
  const candidates = b.candidates.map((c) => ({ candidate_id: c.candidate_id, name: ballotName(c), course: c.course, faculty: c.faculty, program: c.program }));
  const name = (id: number) => {
    const c = b.candidates.find((x) => x.candidate_id === id);
    return c ? ballotName(c) : '';
  };
  return (
    <div class="booth" data-testid="booth" data-state={state}>
      <PageHeader title={b.title} subtitle={t('ui.vote.subtitle')} />
      {state === 'not_on_roll' && <Alert kind="warning">{t('ui.vote.not_on_roll')}</Alert>}
      {state === 'voted' && <Alert kind="info">{t(b.voted_via === 'station' ? 'ui.vote.voted_station' : 'ui.vote.voted_online')}</Alert>}
      {state === 'not_open' && (
        <Alert kind="info">{t('ui.vote.not_open', { date: formatDate(b.voting_opens.slice(0, 10), locale), opens: wallTime(b.voting_opens), closes: wallTime(b.voting_closes) })}</Alert>
      )}
      {state === 'closed' && (
        <Alert kind="info">
          {t('ui.vote.closed')} {publicLink && <Link href={publicLink}>{t('ui.vote.public_page')}</Link>}
        </Alert>
      )}
      {state === 'open' && verifiable && !boothIsVerifiable(verifiable) && <Alert kind="warning">{t('ui.booth.not_ready')}</Alert>}
      {state === 'open' && boothIsVerifiable(verifiable) &&
        (answersMatch(verifiable.answers, candidates.map((c) => c.candidate_id)) && institutionId != null ? (
          <VerifiableBooth booth={verifiable} candidates={candidates} castPath={ballotsPath(params.id)} onCast={setTracker} alreadyVoted={revoting} />
        ) : (
          <Alert>{t('ui.booth.ballot_mismatch')}</Alert>
        ))}
      {state === 'open' && !verifiable && !confirming && (
        <BallotChoice
          candidates={candidates}
          chosen={chosen}
          onChoose={setChosen}
          error={cast.errors.fields.candidate_id}
          onNext={() => (chosen == null ? cast.fail('candidate_id', t('ui.vote.choose_first')) : setConfirming(true))}
        />
      )}
      {state === 'open' && !verifiable && confirming && chosen != null && (
        <ConfirmVote
          name={name(chosen)}
          busy={cast.busy}
          alert={cast.alert}
          error={cast.errors.fields.candidate_id}
          onConfirm={() =>
            void cast.run(async () => {
              const answer = await api.post<{ receipt: string }>(electionPath(params.id, 'votes'), { candidate_id: chosen });
              setReceipt(answer.receipt);
            })
          }
          onBack={() => {
            setConfirming(false);
            void reload();
          }}
        />
      )}
    </div>
  );
}
