// /public/:institutionId/elections/:id: the election in public (ELEC-1, ELEC-RES-1): calendar,
// candidates with photos, programs and campaign materials; after the close every receipt with
// the hash over the ballot set; after publication the result and its protocol. A verifiable
// election also shows its public bulletin board (BoardSection).
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { BoardSection, useBeleniosInfo } from './BoardSection';
import { publicElectionPath, publicPhotoPath, rankedResults, searchReceipts, type PublicElection } from './elections';
import { Bars, CalendarList, PdfLinks, PhaseBadge } from './parts';

export function PublicElectionPage({ params, search }: RouteProps) {
  const { locale } = useApp();
  const [election] = useResource<PublicElection>(publicElectionPath(params.institutionId, params.id), [locale]);
  const belenios = useBeleniosInfo(params.institutionId, params.id);
  if (election.state === 'loading') return <Loading />;
  if (election.state === 'failed') return <Alert>{election.message}</Alert>;
  const e = election.data;
  const results = e.results;
  return (
    <div class="public-election">
      <p class="breadcrumb">
        <Link href={`/public/${encodeURIComponent(params.institutionId)}`}>{t('ui.public.link')}</Link>
      </p>
      <PageHeader title={e.title} subtitle={e.academic_year} />
      <p>
        <PhaseBadge phase={e.phase} />
      </p>
      <CalendarList day={e.election_day} registrationCloses={e.registration_closes} votingOpens={e.voting_opens} votingCloses={e.voting_closes} />
      {/* Online voting is by a code only where ballots are encrypted; elsewhere voters go to a station. */}
      {e.phase === 'voting' && belenios.state === 'ready' && belenios.data.verifiable && (
        <p>
          <Link href={`/public/${encodeURIComponent(params.institutionId)}/elections/${encodeURIComponent(params.id)}/vote`} class="button button-large" data-testid="vote-with-code">
            {t('ui.vote_code.link')}
          </Link>
        </p>
      )}
      {results && (
        <section class="section card" data-testid="public-results">
          <h2>{t('ui.election.results')}</h2>
          <Bars testid="public-result-bars" rows={rankedResults(results).map((c) => ({ key: String(c.candidate_id), label: c.full_name, value: c.votes }))} />
          {results.winner_candidate_id != null && (
            <p data-testid="public-winner">
              <strong>{t('ui.election.winner', { name: results.candidates.find((c) => c.candidate_id === results.winner_candidate_id)?.full_name ?? '' })}</strong>
            </p>
          )}
          <p>{t('ui.election.results_summary', { voted: results.voted, roll: results.roll_size, invalid: results.invalid, unknown: results.unknown_form, turnout: results.turnout_percent.toFixed(1) })}</p>
          {e.published_at && <p class="muted">{t('ui.election.results_published', { at: formatDateTime(e.published_at, locale) })}</p>}
          <p>
            {t('ui.election.protocol_pdf')}:{' '}
            <PdfLinks path={publicElectionPath(params.institutionId, params.id, 'protocol.pdf')} testid="public-protocol" />
            {e.protocol_verification && (
              <>
                {' · '}
                <Link href={`/verify/${encodeURIComponent(e.protocol_verification)}`}>{t('ui.election.verify_link')}</Link>
              </>
            )}
          </p>
        </section>
      )}
      {/* A verifiable election has no plaintext ballots, hence no receipts: its board lists the trackers instead. */}
      {e.ballot_set_hash !== undefined && belenios.state !== 'loading' && !(belenios.state === 'ready' && belenios.data.verifiable) && <Receipts institutionId={params.institutionId} id={params.id} />}
      <BoardSection
        institutionId={params.institutionId}
        id={params.id}
        search={search}
        info={belenios}
        nameOf={(cid) => e.candidates.find((c) => c.candidate_id === cid)?.full_name ?? String(cid)}
      />
      <section class="section" data-testid="public-candidates">
        <h2>{t('ui.election.candidates')}</h2>
        {e.candidates.length === 0 && <p class="muted">{t('ui.election.no_candidates_public')}</p>}
        <ul class="plain-list public-candidates">
          {e.candidates.map((c) => (
            <li key={c.candidate_id} class="card public-candidate" data-candidate-id={String(c.candidate_id)}>
              {c.has_photo && <img class="candidate-photo" src={publicPhotoPath(params.institutionId, c.candidate_id)} alt={t('ui.election.photo_of', { name: c.full_name })} width={120} height={150} />}
              <div>
                <h3>{c.full_name}</h3>
                {(c.course || c.faculty) && <p class="muted">{[c.course ? t('ui.election.course', { course: c.course }) : '', c.faculty ?? ''].filter(Boolean).join(' · ')}</p>}
                <p>{c.program}</p>
                {c.materials.length > 0 && (
                  <>
                    <h4>{t('ui.election.materials')}</h4>
                    <ul>
                      {c.materials.map((m, i) => (
                        <li key={i}>{m.text}</li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Receipts({ institutionId, id }: { institutionId: string; id: string }) {
  const [data, setData] = useState<{ ballot_set_hash: string; count: number; receipts: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<{ ballot_set_hash: string; count: number; receipts: string[] }>(publicElectionPath(institutionId, id, 'receipts'), { signal: controller.signal })
      .then(setData)
      .catch((err) => !isAbort(err) && setError(String(err?.message ?? err)));
    return () => controller.abort();
  }, [institutionId, id]);
  const found = data ? searchReceipts(data.receipts, query) : { exact: false, matches: [] };
  return (
    <section class="section card" data-testid="receipts">
      <h2>{t('ui.election.receipts')}</h2>
      {error && <Alert>{error}</Alert>}
      {data && (
        <>
          <p>{t('ui.election.receipts_intro', { count: data.count })}</p>
          <p class="muted">
            {t('ui.election.ballot_set_hash')}: <code class="hash" data-testid="public-ballot-hash">{data.ballot_set_hash}</code>
          </p>
          <TextField label={t('ui.election.receipt_search')} name="receipt" value={query} onValue={setQuery} autoComplete="off" />
          <div role="status" data-testid="receipt-result" data-found={found.exact ? 'true' : 'false'}>
            {query.trim().length >= 4 && (found.exact ? <Alert kind="success">{t('ui.election.receipt_found')}</Alert> : found.matches.length === 0 ? <Alert kind="warning">{t('ui.election.receipt_not_found')}</Alert> : null)}
            {!found.exact && found.matches.length > 0 && (
              <ul class="plain-list receipt-list">
                {found.matches.map((r) => (
                  <li key={r}>
                    <code>{r}</code>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}
