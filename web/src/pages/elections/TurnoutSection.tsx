// Live turnout while voting is on (by hour, online and at stations, and by faculty), and closing the vote.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { t } from '../../i18n';
import { electionPath, phaseReached, type Turnout } from './elections';
import { Bars, Section, useAction, type ElectionSectionProps } from './parts';

const TURNOUT_REFRESH_MS = 5000;

export function TurnoutSection({ election, onChanged }: ElectionSectionProps) {
  const [turnout, setTurnout] = useState<Turnout | null>(null);
  const close = useAction();
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<Turnout>(electionPath(election.id, 'turnout'))
        .then((data) => live && setTurnout(data))
        .catch(() => undefined);
    load();
    const timer = window.setInterval(load, TURNOUT_REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [election.id]);
  return (
    <Section title={t('ui.election.turnout')} testid="turnout">
      {turnout && (
        <>
          <p data-testid="turnout-total" data-voted={turnout.voted} data-roll={turnout.roll_size}>
            {t('ui.election.turnout_total', { voted: turnout.voted, roll: turnout.roll_size })}
          </p>
          <h3>{t('ui.election.by_hour')}</h3>
          <Bars testid="turnout-hours" rows={turnout.by_hour.map((h) => ({ key: String(h.hour), label: `${String(h.hour).padStart(2, '0')}:00`, value: h.voted, note: t('ui.election.online_station', { online: h.online, station: h.station }) }))} />
          <h3>{t('ui.election.by_faculty')}</h3>
          <Bars testid="turnout-faculties" rows={turnout.by_faculty.map((f) => ({ key: f.faculty || '-', label: f.faculty || t('ui.election.no_faculty'), value: f.voted, note: `/ ${f.roll}` }))} />
        </>
      )}
      {phaseReached(election.phase, 'voting') && (
        <div class="form-actions">
          {close.alert}
          <button
            type="button"
            class="button"
            data-testid="close-voting"
            disabled={close.busy}
            onClick={() =>
              close.run(async () => {
                await api.post(electionPath(election.id, 'close'), {});
                await onChanged();
              })
            }
          >
            {t('ui.election.close_voting')}
          </button>
        </div>
      )}
    </Section>
  );
}
