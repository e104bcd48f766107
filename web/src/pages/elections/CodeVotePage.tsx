// /public/:institutionId/elections/:id/vote: voting with a code from the commission, without
// signing in (ELEC-DAY-1, ELEC-DAY-2). Online ballots exist only in a verifiable election (issue
// 13): the voter chooses on the phone-first cards, then the code (a Belenios credential) encrypts
// and signs the ballot in this browser (VerifiableBooth), and the receipt is its tracker. An
// election without a key, or whose codes are not issued yet, is voted at polling stations only:
// the page says so and offers no form. The candidates come from the public election page.
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
import { publicElectionPath, wallTime, type PublicElection } from './elections';
import { publicBallotsPath } from './booth-crypto';
import { OnlineVoting, TrackerReceipt, useBelenios, type TrackerReceiptData } from './VerifiableBooth';

export function CodeVotePage({ params }: RouteProps) {
  const { locale } = useApp();
  const [election] = useResource<PublicElection>(publicElectionPath(params.institutionId, params.id), [locale]);
  const [tracker, setTracker] = useState<TrackerReceiptData | null>(null);
  const belenios = useBelenios(params.institutionId, params.id, [locale]);

  if (election.state === 'loading' || belenios.state === 'loading') return <Loading />;
  if (election.state === 'failed') return <Alert>{election.message}</Alert>;
  const e = election.data;
  const publicLink = `/public/${encodeURIComponent(params.institutionId)}/elections/${encodeURIComponent(params.id)}`;
  if (tracker) return <TrackerReceipt receipt={tracker} institutionId={params.institutionId} electionId={params.id} />;
  const verifiable = belenios.booth;

  const candidates = e.candidates.map((c) => ({ candidate_id: c.candidate_id, name: c.full_name, course: c.course, faculty: c.faculty, program: c.program }));
  const state = e.phase === 'voting' ? 'open' : ['registration', 'campaign', 'silence'].includes(e.phase) ? 'not_open' : 'closed';
  return (
    <div class="booth" data-testid="code-booth" data-state={state}>
      <p class="breadcrumb">
        <Link href={publicLink}>{e.title}</Link>
      </p>
      <PageHeader title={t('ui.vote_code.title')} subtitle={e.title} />
      {state === 'not_open' && (
        <Alert kind="info">{t('ui.vote.not_open', { date: formatDate(e.voting_opens.slice(0, 10), locale), opens: wallTime(e.voting_opens), closes: wallTime(e.voting_closes) })}</Alert>
      )}
      {state === 'closed' && <Alert kind="info">{t('ui.vote.closed')}</Alert>}
      <OnlineVoting state={state} booth={verifiable} candidates={candidates} castPath={publicBallotsPath(params.institutionId, params.id)} onCast={setTracker} />
    </div>
  );
}
