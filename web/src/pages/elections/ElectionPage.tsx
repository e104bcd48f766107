// /elections/:id: the election commission's workspace, phase by phase (ELEC-COM-1): candidates and
// their registration (ELEC-REG-*, ELEC-ELIG-1, ELEC-CAMP-3), the list and the ballot (ELEC-CAMP-1,
// ELEC-DAY-3), polling stations, live turnout, close and count (ELEC-CNT-1), the tie decision, the
// results protocol signed by every member (ELEC-CNT-2) and publication (ELEC-RES-1).
// This page loads the election and composes the workspace's sections, each in its own module.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { BallotSection } from './BallotSection';
import { CandidatesSection } from './CandidatesSection';
import { CountingSection } from './CountingSection';
import { electionPath, type Election } from './elections';
import { CalendarList, PhaseBadge, useAction, type ElectionSectionProps } from './parts';
import { ResultsSection } from './ResultsSection';
import { StationsSection } from './StationsSection';
import { TurnoutSection } from './TurnoutSection';
import { VotingCodesSection } from './VotingCodesSection';

export function ElectionPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [election, reload] = useResource<Election>(electionPath(params.id), [locale]);
  if (election.state === 'loading') return <Loading />;
  if (election.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.election.list_title')} />
        <Alert>{election.message}</Alert>
      </>
    );
  const e = election.data;
  const commission = !!e.is_commission;
  return (
    <>
      <p class="breadcrumb">
        <Link href="/elections">{t('ui.election.back')}</Link>
      </p>
      <PageHeader title={e.title} subtitle={e.academic_year} />
      <p>
        <PhaseBadge phase={e.phase} /> <RuleRef rule="ELEC-DAY-1" />
      </p>
      <CalendarList day={e.calendar.election_day} registrationCloses={e.calendar.registration_closes} silenceStarts={e.calendar.silence_starts} votingOpens={e.calendar.voting_opens} votingCloses={e.calendar.voting_closes} />
      {commission && !e.list_published_at && <MoveElectionDay election={e} onChanged={reload} />}
      {e.voting_open && (
        <p>
          <Link href={`/elections/${encodeURIComponent(String(e.id))}/vote`} class="button" data-testid="booth-link">
            {t('ui.vote.go')}
          </Link>
        </p>
      )}
      {!commission && <p class="muted">{t('ui.election.not_commission')}</p>}
      {commission && (
        <p>
          <Link href={`/elections/${encodeURIComponent(String(e.id))}/keys`} data-testid="keys-link">
            {t('ui.keys.link')}
          </Link>
        </p>
      )}
      <CandidatesSection election={e} commission={commission} onChanged={reload} />
      {commission && <BallotSection election={e} onChanged={reload} />}
      {commission && e.ballot_approved_at && !e.voting_closed_at && <VotingCodesSection election={e} />}
      {commission && <StationsSection election={e} onChanged={reload} />}
      {commission && e.ballot_approved_at && !e.voting_closed_at && <TurnoutSection election={e} onChanged={reload} />}
      {commission && e.voting_closed_at && <CountingSection election={e} onChanged={reload} />}
      {e.counted_at && <ResultsSection election={e} commission={commission} onChanged={reload} />}
    </>
  );
}

function MoveElectionDay({ election, onChanged }: ElectionSectionProps) {
  const [day, setDay] = useState(election.calendar.election_day);
  const action = useAction(['election_day']);
  return (
    <form
      class="form inline-form"
      noValidate
      data-testid="move-election-day"
      onSubmit={async (event) => {
        event.preventDefault();
        await action.run(async () => {
          await api.patch(electionPath(election.id), { election_day: day });
          await onChanged();
        });
      }}
    >
      {action.alert}
      <TextField label={t('ui.election.day')} name="election_day" type="date" hint={t('ui.election.day_hint')} value={day} onValue={setDay} error={action.errors.fields.election_day} />
      <button type="submit" class="button button-secondary" disabled={action.busy || day === election.calendar.election_day}>
        {t('ui.election.move_day')}
      </button>
    </form>
  );
}
