// One-time voting codes: signing in with a password costs the server a slow hash per student, too
// slow for thousands on election morning; a code works once and costs nothing to check. The
// answer is the only copy of the codes (the server keeps their hashes).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { t } from '../../i18n';
import { parseVotingCodes, votingCodesFileName, votingCodesPath, type Election, type VotingCodeRow } from './elections';
import { saveText, Section, useAction } from './parts';

export function VotingCodesSection({ election }: { election: Election }) {
  const all = useAction();
  const one = useAction(['student_numbers']);
  const [issued, setIssued] = useState<number | null>(null);
  const [number, setNumber] = useState('');
  const [reissued, setReissued] = useState<{ row: VotingCodeRow; csv: string } | null>(null);
  return (
    <Section title={t('ui.codes.title')} testid="voting-codes">
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
