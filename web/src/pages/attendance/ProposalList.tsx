// The infractions the journal proposes (DISC-ESC-1: the 4th lateness of a term is minor, the 4th
// unjustified absence major); the curator confirms one into the discipline module or dismisses
// it with a reason.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { TextAreaField } from '../../components/Field';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { Proposal } from './attendance';

export function ProposalList({ proposals, onChanged }: { proposals: Proposal[]; onChanged: () => void }) {
  if (proposals.length === 0) return null;
  return (
    <section class="section card attendance-proposals" aria-labelledby="attendance-proposals" data-testid="attendance-proposals">
      <h2 id="attendance-proposals">
        {t('ui.attendance.proposals')} <RuleRef rule="DISC-ESC-1" />
      </h2>
      <ul class="plain-list">
        {proposals.map((p) => (
          <ProposalItem key={String(p.id)} proposal={p} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function ProposalItem({ proposal, onChanged }: { proposal: Proposal; onChanged: () => void }) {
  const { locale } = useApp();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/v1/attendance-proposals/${proposal.id}/${path}`, body);
      onChanged();
    } catch (err) {
      setError(problemMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="proposal" data-testid="attendance-proposal">
      <p>
        <strong>{proposal.student}</strong>{' '}
        {t('ui.attendance.proposal_text', { kind: proposal.kind, count: proposal.count, tier: proposal.tier, date: formatDate(proposal.date, locale) })}
      </p>
      {error && <Alert>{error}</Alert>}
      {!dismissing ? (
        <div class="form-actions">
          <button type="button" class="button" disabled={busy} onClick={() => act('confirm', {})} data-testid="proposal-confirm">
            {t('ui.attendance.confirm_infraction')}
          </button>
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => setDismissing(true)}>
            {t('ui.attendance.dismiss')}
          </button>
        </div>
      ) : (
        <form
          class="form"
          onSubmit={(e) => {
            e.preventDefault();
            void act('dismiss', { reason });
          }}
        >
          <TextAreaField label={t('ui.attendance.dismiss_reason')} name="reason" required value={reason} onValue={setReason} />
          <div class="form-actions">
            <button type="submit" class="button" disabled={busy}>
              {t('ui.attendance.dismiss')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setDismissing(false)}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
