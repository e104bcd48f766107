// /elections/:id/vote: the voting booth for students (ELEC-DAY-1, ELEC-DAY-2, ELEC-DAY-3), phone
// first. Online ballots exist only in a verifiable election (issue 13): the voter chooses on large
// cards, confirms with their voting code, the ballot is encrypted here and the receipt is its
// tracker on the public board (VerifiableBooth). An election without a key, or whose codes are not
// issued yet, is voted at polling stations only: the page says so and offers no form.
import { useState } from 'preact/hooks';
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
import { ballotsPath } from './booth-crypto';
import { OnlineVoting, TrackerReceipt, useBelenios, type TrackerReceiptData } from './VerifiableBooth';

export function VotePage({ params }: RouteProps) {
  const { locale, user } = useApp();
  const [ballot] = useResource<MyBallot>(electionPath(params.id, 'my-ballot'), [locale]);
  const [tracker, setTracker] = useState<TrackerReceiptData | null>(null);
  const institutionId = user?.institution?.id ?? null;
  const belenios = useBelenios(institutionId, params.id, [locale]);

  if (ballot.state === 'loading' || belenios.state === 'loading') return <Loading />;
  if (ballot.state === 'failed') return <Alert>{ballot.message}</Alert>;
  const b = ballot.data;
  const verifiable = belenios.booth;
  const publicLink = user?.institution ? `/public/${encodeURIComponent(String(user.institution.id))}/elections/${encodeURIComponent(params.id)}` : null;

  if (tracker && institutionId != null) return <TrackerReceipt receipt={tracker} institutionId={institutionId} electionId={params.id} />;

  // With revoting allowed, an earlier online ballot does not close the booth: a new one replaces it.
  const revoting = !!verifiable?.revote && b.voted && b.voted_via !== 'station';
  const state = !b.on_roll ? 'not_on_roll' : b.voted && !revoting ? 'voted' : b.voting_open ? 'open' : ['voting', 'silence', 'campaign', 'registration'].includes(b.phase) ? 'not_open' : 'closed';
  const candidates = b.candidates.map((c) => ({ candidate_id: c.candidate_id, name: ballotName(c), course: c.course, faculty: c.faculty, program: c.program }));
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
      <OnlineVoting state={state} booth={verifiable} candidates={candidates} castPath={ballotsPath(params.id)} onCast={setTracker} alreadyVoted={revoting} />
    </div>
  );
}
