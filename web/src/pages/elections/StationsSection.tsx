// The election's polling stations: each links to its station page; more are added until voting closes.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { t } from '../../i18n';
import { electionPath } from './elections';
import { Section, useAction, type ElectionSectionProps } from './parts';

export function StationsSection({ election, onChanged }: ElectionSectionProps) {
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
