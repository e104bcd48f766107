// /elections/:id/vote: the voting booth for students (ELEC-DAY-1, ELEC-DAY-2, ELEC-DAY-3), phone
// first: the candidates as large cards in ballot order, one choice, a confirmation step, then the
// receipt code to find in the public list after the close.
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
import { useAction } from './parts';

export function VotePage({ params }: RouteProps) {
  const { locale, user } = useApp();
  const [ballot, reload] = useResource<MyBallot>(electionPath(params.id, 'my-ballot'), [locale]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [receipt, setReceipt] = useState<string | null>(null);
  const cast = useAction(['candidate_id']);

  if (ballot.state === 'loading') return <Loading />;
  if (ballot.state === 'failed') return <Alert>{ballot.message}</Alert>;
  const b = ballot.data;
  const publicLink = user?.institution ? `/public/${encodeURIComponent(String(user.institution.id))}/elections/${encodeURIComponent(params.id)}` : null;

  if (receipt)
    return (
      <div class="booth" data-testid="booth" data-state="receipt">
        <PageHeader title={t('ui.vote.thanks')} />
        <p>{t('ui.vote.receipt_intro')}</p>
        <p class="receipt-code" data-testid="receipt">
          {receipt}
        </p>
        <p>{t('ui.vote.receipt_explain')}</p>
        {publicLink && <Link href={publicLink}>{t('ui.vote.public_page')}</Link>}
      </div>
    );

  const state = !b.on_roll ? 'not_on_roll' : b.voted ? 'voted' : b.voting_open ? 'open' : ['voting', 'silence', 'campaign', 'registration'].includes(b.phase) ? 'not_open' : 'closed';
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
      {state === 'open' && !confirming && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen == null) {
              cast.fail('candidate_id', t('ui.vote.choose_first'));
              return;
            }
            setConfirming(true);
          }}
        >
          <fieldset class="ballot">
            <legend>{t('ui.vote.choose')}</legend>
            {cast.errors.fields.candidate_id && (
              <p class="field-error" data-field-error id="ballot-error">
                {cast.errors.fields.candidate_id}
              </p>
            )}
            {b.candidates.map((c) => (
              <label key={c.candidate_id} class={`ballot-card${chosen === c.candidate_id ? ' ballot-card-chosen' : ''}`} data-candidate-id={String(c.candidate_id)}>
                <input type="radio" name="candidate_id" value={String(c.candidate_id)} checked={chosen === c.candidate_id} onChange={() => setChosen(c.candidate_id)} />
                <span class="ballot-card-body">
                  <strong class="ballot-name">{ballotName(c)}</strong>
                  {(c.course || c.faculty) && <span class="muted">{[c.course ? t('ui.election.course', { course: c.course }) : '', c.faculty ?? ''].filter(Boolean).join(' · ')}</span>}
                  {c.program && <span class="ballot-program">{c.program}</span>}
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" class="button button-large" data-testid="vote-next">
            {t('ui.vote.next')}
          </button>
        </form>
      )}
      {state === 'open' && confirming && chosen != null && (
        <section class="card confirm-vote" data-testid="confirm-vote">
          <p class="confirm-text">{t('ui.vote.confirm', { name: name(chosen) })}</p>
          {cast.alert}
          {cast.errors.fields.candidate_id && (
            <p class="field-error" data-field-error>
              {cast.errors.fields.candidate_id}
            </p>
          )}
          <div class="form-actions">
            <button
              type="button"
              class="button button-large"
              data-testid="vote-confirm"
              disabled={cast.busy}
              onClick={async () => {
                await cast.run(async () => {
                  const answer = await api.post<{ receipt: string }>(electionPath(params.id, 'votes'), { candidate_id: chosen });
                  setReceipt(answer.receipt);
                });
              }}
            >
              {t('ui.vote.confirm_button')}
            </button>
            <button type="button" class="button button-secondary button-large" data-testid="vote-back" onClick={() => { setConfirming(false); void reload(); }}>
              {t('ui.vote.back')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
