// One-time voting codes: signing in with a password costs the server a slow hash per student, too
// slow for thousands on election morning; a code works once and costs nothing to check. The
// answer is the only copy of the codes (the server keeps their hashes).
//
// A verifiable election (issue 13: the trustees' key ceremony is complete) issues Belenios
// credentials instead, once for the whole roll, with the choice whether a voter may vote again
// online (the last ballot counts). The server keeps only the public credentials and a hash of each
// roll token, so a lost code cannot be reissued: that voter votes at a polling station.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { CheckboxField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { credentialsPath, type CredentialsStatus } from './booth-crypto';
import { electionPath, parseVotingCodes, votingCodesFileName, votingCodesPath, type Election, type VotingCodeRow } from './elections';
import type { KeyCeremony } from './keys';
import { saveText, Section, useAction } from './parts';

export function VotingCodesSection({ election }: { election: Election }) {
  const { locale } = useApp();
  const [ceremony] = useResource<KeyCeremony>(electionPath(election.id, 'trustees'), [locale]);
  if (ceremony.state === 'loading') return <Loading />;
  // No ceremony route or no access to it: the election is run as before, with plain codes.
  const state = ceremony.state === 'ready' ? ceremony.data.state : 'not_started';
  if (state === 'complete') return <CredentialsSection election={election} />;
  return <PlainCodesSection election={election} ceremonyStarted={state !== 'not_started'} />;
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

function PlainCodesSection({ election, ceremonyStarted }: { election: Election; ceremonyStarted: boolean }) {
  const all = useAction();
  const one = useAction(['student_numbers']);
  const [issued, setIssued] = useState<number | null>(null);
  const [number, setNumber] = useState('');
  const [reissued, setReissued] = useState<{ row: VotingCodeRow; csv: string } | null>(null);
  return (
    <Section title={t('ui.codes.title')} testid="voting-codes">
      {ceremonyStarted && <Alert kind="info">{t('ui.codes.ceremony_pending')}</Alert>}
      <p>{t('ui.codes.why')}</p>
      <p>{t('ui.codes.how')}</p>
      <Alert kind="warning">{t('ui.codes.keep_safe')}</Alert>
      {issued != null && (
        <p role="status" data-testid="codes-issued" data-count={issued}>
          {issued === 0 ? t('ui.codes.none_left') : t('ui.codes.issued', { count: issued })}
        </p>
      )}
      <div class="form-actions">
        {all.alert}
        <button
          type="button"
          class="button"
          data-testid="download-codes"
          disabled={all.busy}
          onClick={() =>
            all.run(async () => {
              const csv = await api.post<string>(votingCodesPath(election.id), {});
              const rows = parseVotingCodes(csv ?? '');
              setIssued(rows.length);
              if (rows.length > 0) saveText(csv, votingCodesFileName(election.id));
            })
          }
        >
          {t('ui.codes.download')}
        </button>
      </div>
      <form
        class="form inline-form"
        noValidate
        data-testid="reissue-code"
        onSubmit={async (event) => {
          event.preventDefault();
          const wanted = number.trim();
          setReissued(null);
          if (!wanted) {
            one.fail('student_numbers', t('ui.codes.number_required'));
            return;
          }
          await one.run(async () => {
            const csv = await api.post<string>(votingCodesPath(election.id), { student_numbers: [wanted] });
            const row = parseVotingCodes(csv ?? '')[0];
            if (row) setReissued({ row, csv });
            setNumber('');
          });
        }}
      >
        <h3 class="subheading">{t('ui.codes.reissue')}</h3>
        <p class="muted">{t('ui.codes.reissue_hint')}</p>
        {one.alert}
        <TextField label={t('ui.station.student_number')} name="code_student_number" value={number} onValue={setNumber} autoComplete="off" error={one.errors.fields.student_numbers} />
        <button type="submit" class="button button-secondary" disabled={one.busy}>
          {t('ui.codes.reissue_submit')}
        </button>
      </form>
      {reissued && (
        <div class="card" data-testid="reissued-code" data-student-number={reissued.row.student_number}>
          <p>{t('ui.codes.reissued', { name: reissued.row.full_name, number: reissued.row.student_number })}</p>
          <p class="receipt-code" data-testid="new-code">
            {reissued.row.code}
          </p>
          <p class="muted">{t('ui.codes.shown_once')}</p>
          <button type="button" class="button button-secondary" data-testid="reissued-csv" onClick={() => saveText(reissued.csv, votingCodesFileName(election.id, reissued.row.student_number))}>
            {t('ui.codes.save_csv')}
          </button>
        </div>
      )}
    </Section>
  );
}
