// The members of a Shanyrak (AWD-1, AWD-4): the students and the staff who lead it. The list is
// the one a Shanyrak award is written into and the one the commission's recusals use. The page
// opens with the list as it stands; saving replaces it, and a person joining leaves their other
// Shanyrak.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { PeopleField } from './PeopleField';

export function ShanyrakMembersPage() {
  const { locale } = useApp();
  const [shanyraks] = useResource<{ items: { id: number | string; name: string }[] }>('/api/v1/shanyraks', [locale]);
  const [shanyrak, setShanyrak] = useState('');
  const [people, setPeople] = useState<PickedPerson[]>([]);
  const [saved, setSaved] = useState<{ name: string; count: number } | null>(null);
  const action = useAction(['person_ids']);
  const list = shanyraks.state === 'ready' ? shanyraks.data.items : [];
  const chosen = shanyrak || String(list[0]?.id ?? '');
  // The members shown are those of the chosen Shanyrak only: until its list has arrived the field
  // is not there, so nothing picked can be overwritten by an answer arriving late.
  const [loadedFor, setLoadedFor] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (!chosen) return undefined;
    let live = true;
    setLoadError(null);
    api.get<{ members: PickedPerson[] }>(`/api/v1/awards/shanyraks/${encodeURIComponent(chosen)}/members`).then(
      (r) => { if (live) { setPeople(r.members); setLoadedFor(chosen); } },
      (e: unknown) => { if (live) setLoadError(e instanceof Error ? e.message : t('ui.error.network')); });
    return () => { live = false; };
  }, [chosen]);
  const ready = loadedFor === chosen;
  return (
    <div data-testid="shanyrak-members-page">
      <PageHeader title={t('ui.awards.shanyrak_members')} subtitle={t('ui.awards.shanyrak_members_hint')} />
      <p><Link href="/awards">← {t('ui.awards.title')}</Link></p>
      {shanyraks.state === 'loading' && <Loading />}
      {shanyraks.state === 'failed' && <Alert>{shanyraks.message}</Alert>}
      {shanyraks.state === 'ready' && list.length === 0 && <Alert kind="warning">{t('ui.awards.no_shanyraks')}</Alert>}
      {list.length > 0 && (
        <form
          class="form section card"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setSaved(null);
            const ok = await action.run(async () => {
              await api.put(`/api/v1/awards/shanyraks/${encodeURIComponent(chosen)}/members`, { person_ids: people.map((p) => Number(p.id)) });
            });
            if (ok) setSaved({ name: list.find((s) => String(s.id) === chosen)?.name ?? '', count: people.length });
          }}
        >
          <p>
            {t('ui.awards.members_replace')} <RuleRef rule="AWD-1" />
          </p>
          <SelectField label={t('ui.awards.shanyrak')} name="shanyrak_id" value={chosen} onValue={(v) => { setShanyrak(v); setSaved(null); }}
            options={list.map((s) => ({ value: String(s.id), label: s.name }))} required />
          {!ready && !loadError && <Loading />}
          {loadError && <Alert>{loadError}</Alert>}
          {ready && (
            <PeopleField label={t('ui.awards.add_member')} name="member" people={people} onPeople={(p) => { setPeople(p); setSaved(null); }}
              error={action.errors.fields.person_ids} hint={t('ui.awards.members_hint')} testid="shanyrak-members" />
          )}
          {action.alert}
          {saved && (
            <Alert kind="success">
              <span data-testid="members-saved">{t('ui.awards.members_saved', { name: saved.name, n: saved.count })}</span>
            </Alert>
          )}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy || !ready} data-testid="save-members">{t('ui.awards.save_members')}</button>
          </div>
        </form>
      )}
    </div>
  );
}
