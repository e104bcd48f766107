// The candidates' list in the commission's workspace: each candidate's card, the nomination form
// while registration is open, and the list's publication (ELEC-CAMP-1).
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { CandidateCard } from './CandidateCard';
import { electionPath, withCandidate, type Candidate } from './elections';
import { NominationForm } from './NominationForm';
import { Section, useAction, type ElectionSectionProps } from './parts';

export function CandidatesSection({ election, commission, onChanged }: ElectionSectionProps & { commission: boolean }) {
  const { locale } = useApp();
  const [list, reloadList, replaceList] = useResource<{ items: Candidate[] }>(electionPath(election.id, 'candidates'), [locale, election.list_published_at]);
  const publish = useAction();
  const canNominate = commission && election.registration_open && !election.list_published_at;
  const reload = async () => {
    await reloadList();
  };
  // An edited card shows the PATCH answer at once: a reload may arrive later than the next click.
  const saved = (candidate: Candidate) => {
    if (list.state === 'ready') replaceList({ ...list.data, items: withCandidate(list.data.items, candidate) });
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
              <CandidateCard key={String(c.id)} candidate={c} election={election} commission={commission} onChanged={reload} onSaved={saved} />
            ))}
          </ul>
        ))}
      {canNominate && <NominationForm election={election} onNominated={reload} />}
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
