// MTG-8 on a session's agenda: a decision annulled by the General Meeting is marked with a link to
// the annulling decision; a decision of the General Meeting lists what it annulled, and its
// officers annul a decision of the executive body with it.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { RuleRef } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { Link } from '../../components/Link';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import type { AgendaItem } from '../bodies/bodies-types';
import { useAction } from '../elections/parts';

export interface Annulled {
  agenda_item_id: number;
  meeting_id: number;
  title: string;
}

type WithAnnulments = AgendaItem & { annulled_by?: Annulled & { rule: string }; annuls?: Annulled[] };

export function AnnulmentMarks({ item }: { item: AgendaItem }) {
  const x = item as WithAnnulments;
  return (
    <>
      {x.annulled_by && (
        <p class="flag flag-warning" data-testid="annulled-by" data-annulled-by={String(x.annulled_by.agenda_item_id)}>
          <Link href={`/meetings/${x.annulled_by.meeting_id}`}>{t('ui.meeting.annulled_by', { title: x.annulled_by.title })}</Link> <RuleRef rule="MTG-8" />
        </p>
      )}
      {(x.annuls ?? []).map((a) => (
        <p key={a.agenda_item_id} class="muted" data-testid="annuls">
          <Link href={`/meetings/${a.meeting_id}`}>{t('ui.meeting.annuls', { title: a.title })}</Link>
        </p>
      ))}
    </>
  );
}

interface Annullable extends Annulled {
  meeting_number: number;
  held_on: string;
  body_name: string;
}

/** The General Meeting's officers annul a decision of the executive with this adopted decision. */
export function AnnulForm({ item, onDone }: { item: AgendaItem; onDone: () => void }) {
  const path = `/api/v1/agenda-items/${encodeURIComponent(String(item.id))}/annulments`;
  const [list, reload] = useResource<{ items: Annullable[] }>(path, []);
  const [target, setTarget] = useState('');
  const action = useAction(['agenda_item_id']);
  if (list.state !== 'ready' || list.data.items.length === 0) return null;
  const submit = (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => {
      await api.post(path, { agenda_item_id: Number(target || list.data.items[0].agenda_item_id) });
      await reload();
      onDone();
    });
  };
  return (
    <form class="form annul-form" noValidate onSubmit={submit} data-testid="annul-form">
      <h4 class="subheading">
        {t('ui.meeting.annul_title')} <RuleRef rule="MTG-8" />
      </h4>
      {action.alert}
      <SelectField label={t('ui.meeting.annul_target')} name="agenda_item_id" value={target || String(list.data.items[0].agenda_item_id)} onValue={setTarget}
        error={action.errors.fields.agenda_item_id}
        options={list.data.items.map((d) => ({ value: String(d.agenda_item_id), label: `${d.body_name} №${d.meeting_number}, ${d.held_on}: ${d.title}` }))} />
      <div class="form-actions">
        <button type="submit" class="button button-danger" disabled={action.busy} data-testid="annul">{t('ui.meeting.annul')}</button>
      </div>
    </form>
  );
}
