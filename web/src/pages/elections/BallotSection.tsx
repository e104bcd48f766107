// The ballot (ELEC-DAY-3): approved with the voters' roll cut-off once the list is published, then
// its PDF in every language.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { TextField } from '../../components/Field';
import { useApp } from '../../context';
import { formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { electionPath } from './elections';
import { PdfLinks, Section, useAction, type ElectionSectionProps } from './parts';

export function BallotSection({ election, onChanged }: ElectionSectionProps) {
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
            <PdfLinks path={electionPath(election.id, 'ballot.pdf')} testid="ballot-pdf" />
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
