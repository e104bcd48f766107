// After voting closes: each station's paper count, then the count itself (ELEC-CNT-1).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { RuleRef } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { electionPath, paperCountBody, type Candidate, type Election } from './elections';
import type { KeyCeremony } from './keys';
import { Section, useAction, type ElectionSectionProps } from './parts';

export function CountingSection({ election, onChanged }: ElectionSectionProps) {
  const count = useAction();
  const [list] = useResource<{ items: Candidate[] }>(electionPath(election.id, 'candidates'), [election.id]);
  const onBallot = list.state === 'ready' ? list.data.items.filter((c) => c.status === 'registered' && c.program_review === 'approved') : [];
  // A verifiable election (its key ceremony complete) has no plaintext ballots: the hash of their
  // set would be that of an empty set. Its ballots are on the public board instead.
  const [ceremony] = useResource<KeyCeremony>(electionPath(election.id, 'trustees'), [election.id]);
  const plaintext = ceremony.state === 'failed' || (ceremony.state === 'ready' && ceremony.data.state !== 'complete');
  return (
    <Section title={t('ui.election.counting')} testid="counting">
      {plaintext && (
        <p class="muted">
          {t('ui.election.ballot_set_hash')}: <code data-testid="ballot-set-hash">{election.ballot_set_hash}</code>
        </p>
      )}
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

function StationCount({ election, station, candidates, onChanged }: ElectionSectionProps & { station: Election['stations'][number]; candidates: Candidate[] }) {
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
