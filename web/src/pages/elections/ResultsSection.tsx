// The results once counted: the bars and the winner, the tie decision (ELEC-RES-1), the results
// protocol signed by every member (ELEC-CNT-2) with its PDFs and verification, and publication.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { RuleRef } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { electionPath, rankedResults, type Protocol } from './elections';
import { Bars, PdfLinks, Section, useAction, type ElectionSectionProps } from './parts';

export function ResultsSection({ election, commission, onChanged }: ElectionSectionProps & { commission: boolean }) {
  const { locale, user } = useApp();
  const [protocol, reloadProtocol] = useResource<Protocol>(electionPath(election.id, 'protocol'), [locale, election.counted_at]);
  const [decision, setDecision] = useState('');
  const [winner, setWinner] = useState('');
  const tie = useAction(['decision', 'winner_candidate_id']);
  const sign = useAction();
  const publish = useAction();
  const results = election.results;
  if (!results) return null;
  const ranked = rankedResults(results);
  const nameOf = (id: number) => results.candidates.find((c) => c.candidate_id === id)?.full_name ?? String(id);
  const mine = protocol.state === 'ready' ? protocol.data.signers.find((s) => String(s.person_id) === String(user?.person_id ?? '')) : undefined;
  return (
    <Section title={t('ui.election.results')} testid="results">
      <Bars testid="result-bars" rows={ranked.map((c) => ({ key: String(c.candidate_id), label: c.full_name, value: c.votes, note: t('ui.election.online_paper', { online: c.online, paper: c.paper }) }))} />
      <p>{t('ui.election.results_summary', { voted: results.voted, roll: results.roll_size, invalid: results.invalid, unknown: results.unknown_form, turnout: results.turnout_percent.toFixed(1) })}</p>
      {results.winner_candidate_id != null && (
        <p data-testid="winner" data-candidate-id={String(results.winner_candidate_id)}>
          <strong>{t('ui.election.winner', { name: nameOf(results.winner_candidate_id) })}</strong>
        </p>
      )}
      {election.tie_decision && <p data-testid="tie-decision">{t('ui.election.tie_decision')}: {election.tie_decision}</p>}
      {commission && results.tied.length > 0 && !election.tie_decision && (
        <form
          class="form"
          noValidate
          data-testid="tie-form"
          onSubmit={async (event) => {
            event.preventDefault();
            await tie.run(async () => {
              await api.post(electionPath(election.id, 'tie-decision'), { decision, winner_candidate_id: winner ? Number(winner) : undefined });
              await onChanged();
            });
          }}
        >
          <h3>
            {t('ui.election.tie')} <RuleRef rule="ELEC-RES-1" />
          </h3>
          {tie.alert}
          <TextAreaField label={t('ui.election.tie_decision')} name="decision" required value={decision} onValue={setDecision} error={tie.errors.fields.decision} />
          <SelectField
            label={t('ui.election.tie_winner')}
            name="winner_candidate_id"
            value={winner}
            onValue={setWinner}
            options={[{ value: '', label: t('ui.election.tie_no_winner') }, ...results.tied.map((id) => ({ value: String(id), label: nameOf(id) }))]}
            error={tie.errors.fields.winner_candidate_id}
          />
          <button type="submit" class="button">
            {t('ui.common.save')}
          </button>
        </form>
      )}
      <h3>
        {t('ui.election.protocol')} <RuleRef rule="ELEC-CNT-2" />
      </h3>
      {protocol.state === 'ready' && (
        <>
          <p data-testid="protocol-status" data-status={protocol.data.status}>
            {t(`ui.election.protocol_status.${protocol.data.status}`)}
          </p>
          <ul class="plain-list" data-testid="protocol-signers">
            {protocol.data.signers.map((s) => (
              <li key={String(s.person_id)} data-person-id={String(s.person_id)} data-signed={s.signed_at ? 'true' : 'false'}>
                {s.full_name} — {s.signed_at ? t('ui.election.signed_at', { at: formatDateTime(s.signed_at, locale) }) : t('ui.election.not_signed')}
              </li>
            ))}
          </ul>
          {protocol.data.status !== 'final' && (!mine || !mine.signed_at) && user?.person_id != null && commission && (
            <div class="form-actions">
              {sign.alert}
              <button
                type="button"
                class="button"
                data-testid="sign-protocol"
                onClick={() =>
                  sign.run(async () => {
                    await api.post(electionPath(election.id, 'protocol/sign'), {});
                    await reloadProtocol();
                    await onChanged();
                  })
                }
              >
                {t('ui.election.sign_protocol')}
              </button>
            </div>
          )}
          {protocol.data.status === 'final' && (
            <p>
              {t('ui.election.protocol_pdf')}:{' '}
              <PdfLinks path={electionPath(election.id, 'protocol.pdf')} testid="protocol-pdf" />
              {protocol.data.verification_code && (
                <>
                  {' · '}
                  <Link href={`/verify/${encodeURIComponent(protocol.data.verification_code)}`}>{t('ui.election.verify_link')}</Link>
                </>
              )}
            </p>
          )}
        </>
      )}
      {commission && !election.results_published_at && (
        <div class="form-actions">
          {publish.alert}
          <button
            type="button"
            class="button"
            data-testid="publish-results"
            onClick={() =>
              publish.run(async () => {
                await api.post(electionPath(election.id, 'publish-results'), {});
                await onChanged();
              })
            }
          >
            {t('ui.election.publish_results')}
          </button>
        </div>
      )}
      {election.results_published_at && <p data-testid="results-published">{t('ui.election.results_published', { at: formatDateTime(election.results_published_at, locale) })}</p>}
    </Section>
  );
}
