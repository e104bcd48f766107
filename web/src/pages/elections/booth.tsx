// The voting booth's pieces, shared by the signed-in booth (VotePage) and voting with a one-time
// code (CodeVotePage): the candidates as large phone-first cards, the confirmation step and the
// receipt.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { copyText, type CopyOutcome } from '../../clipboard';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { t } from '../../i18n';

export interface BoothCandidate {
  candidate_id: number;
  name: string;
  course?: number | null;
  faculty?: string | null;
  program?: string;
}

/** The ballot: one choice among the cards, then "next" (the confirmation comes after). */
export function BallotChoice({ candidates, chosen, onChoose, error, onNext }: { candidates: BoothCandidate[]; chosen: number | null; onChoose: (id: number) => void; error?: string; onNext: () => void }) {
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onNext();
      }}
    >
      <fieldset class="ballot">
        <legend>{t('ui.vote.choose')}</legend>
        {error && (
          <p class="field-error" data-field-error id="ballot-error">
            {error}
          </p>
        )}
        {candidates.map((c) => (
          <label key={c.candidate_id} class={`ballot-card${chosen === c.candidate_id ? ' ballot-card-chosen' : ''}`} data-candidate-id={String(c.candidate_id)}>
            <input type="radio" name="candidate_id" value={String(c.candidate_id)} checked={chosen === c.candidate_id} onChange={() => onChoose(c.candidate_id)} />
            <span class="ballot-card-body">
              <strong class="ballot-name">{c.name}</strong>
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
  );
}

/** "You vote for X": confirm or go back; a refusal shows here. */
export function ConfirmVote({ name, busy, alert, error, onConfirm, onBack }: { name: string; busy: boolean; alert: ComponentChildren; error?: string; onConfirm: () => void; onBack: () => void }) {
  return (
    <section class="card confirm-vote" data-testid="confirm-vote">
      <p class="confirm-text">{t('ui.vote.confirm', { name })}</p>
      {alert}
      {error && (
        <p class="field-error" data-field-error>
          {error}
        </p>
      )}
      <div class="form-actions">
        <button type="button" class="button button-large" data-testid="vote-confirm" disabled={busy} onClick={onConfirm}>
          {t('ui.vote.confirm_button')}
        </button>
        <button type="button" class="button button-secondary button-large" data-testid="vote-back" onClick={onBack}>
          {t('ui.vote.back')}
        </button>
      </div>
    </section>
  );
}

/** The receipt code to find in the public list after the close. */
export function VoteReceipt({ receipt, publicLink }: { receipt: string; publicLink: string | null }) {
  const [copied, setCopied] = useState<CopyOutcome | null>(null);
  return (
    <div class="booth" data-testid="booth" data-state="receipt">
      <PageHeader title={t('ui.vote.thanks')} />
      <p>{t('ui.vote.receipt_intro')}</p>
      <p class="receipt-code" data-testid="receipt">
        {receipt}
      </p>
      <div class="receipt-copy">
        <button type="button" class="button button-secondary" data-testid="copy-receipt" onClick={async () => setCopied(await copyText(receipt))}>
          {t('ui.vote.copy_receipt')}
        </button>
        {/* Present before the click, so screen readers announce the change (a new live region is not read). */}
        <p class="receipt-copy-status" role="status" aria-live="polite" data-testid="copy-status" data-outcome={copied ?? ''}>
          {copied === 'copied' ? t('ui.vote.receipt_copied') : copied === 'failed' ? t('ui.vote.copy_failed') : ''}
        </p>
      </div>
      <p>{t('ui.vote.receipt_explain')}</p>
      {publicLink && <Link href={publicLink}>{t('ui.vote.public_page')}</Link>}
    </div>
  );
}
