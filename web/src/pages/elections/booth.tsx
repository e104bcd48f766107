// The ballot of the voting booth (VerifiableBooth, in the signed-in booth and voting with a code):
// the candidates as large phone-first cards, one choice.
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
