// Voting codes exist only in a verifiable election (issue 13: the trustees' key ceremony is
// complete): Belenios credentials, issued once for the whole roll, with the choice whether a voter
// may vote again online (the last ballot counts). The server keeps only the public credentials and
// a hash of each roll token, so a lost code cannot be reissued: that voter votes at a polling
// station. Before the ceremony is complete the section says how to get there (the Ballot keys
// page); an election without a key is voted at polling stations only.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { CheckboxField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { credentialsPath, type CredentialsStatus } from './booth-crypto';
import { electionPath, parseVotingCodes, votingCodesFileName, type Election } from './elections';
import type { KeyCeremony } from './keys';
import { saveText, Section, useAction } from './parts';

export function VotingCodesSection({ election }: { election: Election }) {
  const { locale } = useApp();
  const [ceremony] = useResource<KeyCeremony>(electionPath(election.id, 'trustees'), [locale]);
  if (ceremony.state === 'loading') return <Loading />;
  // No ceremony route or no access to it: as without a key, no codes.
  const state = ceremony.state === 'ready' ? ceremony.data.state : 'not_started';
  if (state === 'complete') return <CredentialsSection election={election} />;
  return <NoKeySection election={election} />;
}

/** No election key yet: no codes, the commission members make the key first. */
function NoKeySection({ election }: { election: Election }) {
  return (
    <Section title={t('ui.codes.encrypted_title')} testid="voting-codes">
      <div data-testid="codes-need-key">
        <p>{t('ui.codes.need_key')}</p>
        <p>{t('ui.codes.stations_only')}</p>
        <p>
          <Link href={`/elections/${encodeURIComponent(String(election.id))}/keys`} data-testid="codes-keys-link">
            {t('ui.keys.link')}
          </Link>
        </p>
      </div>
    </Section>
  );
}

/** Belenios credentials: issued once, for every voter on the roll, as one CSV. */
function CredentialsSection({ election }: { election: Election }) {
  const { locale } = useApp();
  const [status, reload] = useResource<CredentialsStatus>(credentialsPath(election.id), [locale]);
  const [revote, setRevote] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [justIssued, setJustIssued] = useState<number | null>(null);
  const issue = useAction(['revote']);
  return (
    <Section title={t('ui.codes.encrypted_title')} testid="voting-codes">
      {status.state === 'loading' && <Loading />}
      {status.state === 'failed' && <Alert>{status.message}</Alert>}
      {status.state === 'ready' && status.data.issued && (
        <div data-testid="credentials-issued" data-count={status.data.count} data-revote={String(status.data.revote)}>
          {justIssued != null && <Alert kind="success">{t('ui.codes.encrypted_downloaded', { count: justIssued })}</Alert>}
          <p role="status">{t('ui.codes.encrypted_issued', { date: formatDateTime(status.data.issued_at, locale), count: status.data.count })}</p>
          <p>{t(status.data.revote ? 'ui.codes.revote_allowed' : 'ui.codes.revote_not_allowed')}</p>
          <p class="muted">{t('ui.codes.encrypted_lost')}</p>
        </div>
      )}
      {status.state === 'ready' && !status.data.issued && (
        <div data-testid="credentials-form">
          <p>{t('ui.codes.encrypted_why')}</p>
          <Alert kind="warning">
            <p>{t('ui.codes.encrypted_once')}</p>
            <p>{t('ui.codes.encrypted_no_copy')}</p>
          </Alert>
          <p>{t('ui.codes.encrypted_lost')}</p>
          <CheckboxField label={t('ui.codes.revote')} name="revote" checked={revote} onChecked={setRevote} hint={t('ui.codes.revote_hint')} error={issue.errors.fields.revote} />
          {issue.alert}
          {!confirming ? (
            <div class="form-actions">
              <button type="button" class="button button-large" data-testid="issue-credentials" onClick={() => setConfirming(true)}>
                {t('ui.codes.encrypted_issue')}
              </button>
            </div>
          ) : (
            <div class="card confirm-vote" data-testid="confirm-credentials">
              <p class="confirm-text">{t(revote ? 'ui.codes.encrypted_confirm_revote' : 'ui.codes.encrypted_confirm_no_revote')}</p>
              <div class="form-actions">
                <button
                  type="button"
                  class="button button-large"
                  data-testid="confirm-issue-credentials"
                  disabled={issue.busy}
                  onClick={() =>
                    void issue.run(async () => {
                      const csv = (await api.post<string>(credentialsPath(election.id), { revote })) ?? '';
                      // The only copy: saved before anything else can fail.
                      saveText(csv, votingCodesFileName(election.id));
                      setJustIssued(parseVotingCodes(csv).length);
                      setConfirming(false);
                      await reload();
                    })
                  }
                >
                  {t('ui.codes.encrypted_issue_now')}
                </button>
                <button type="button" class="button button-secondary button-large" disabled={issue.busy} onClick={() => setConfirming(false)}>
                  {t('ui.common.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}
    </Section>
  );
}
