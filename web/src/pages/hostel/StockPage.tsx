// The hostel's stock for its head: hostels, rooms of one gender each, places that may be out of
// use; a place back in use is offered to the next on the reserve list (HST-RES-1).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { hostelPath, type Hostel } from './hostel';

export function StockPage() {
  const { locale } = useApp();
  const [hostels, reload] = useResource<{ items: Hostel[] }>(hostelPath('hostels'), [locale]);
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const action = useAction(['name', 'address']);
  return (
    <>
      <PageHeader title={t('ui.hostel.stock.title')} />
      <p>
        <Link href="/hostel">{t('ui.hostel.back')}</Link>
      </p>
      {hostels.state === 'loading' && <Loading />}
      {hostels.state === 'failed' && <Alert>{hostels.message}</Alert>}
      {hostels.state === 'ready' && hostels.data.items.map((h) => <HostelCard key={String(h.id)} hostel={h} onChanged={reload} />)}
      <section class="section card">
        <h2>{t('ui.hostel.stock.add_hostel')}</h2>
        <form
          class="form"
          noValidate
          data-testid="hostel-add"
          onSubmit={async (e) => {
            e.preventDefault();
            await action.run(async () => {
              await api.post(hostelPath('hostels'), { name: name.trim(), address: address.trim() });
              setName('');
              setAddress('');
              await reload();
            });
          }}
        >
          <TextField label={t('ui.hostel.stock.name')} name="name" value={name} onValue={setName} error={action.errors.fields.name} required />
          <TextField label={t('ui.hostel.stock.address')} name="address" value={address} onValue={setAddress} error={action.errors.fields.address} />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {t('ui.hostel.stock.add_hostel')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}

function HostelCard({ hostel: h, onChanged }: { hostel: Hostel; onChanged: () => Promise<void> }) {
  const [floor, setFloor] = useState('1');
  const [number, setNumber] = useState('');
  const [gender, setGender] = useState('female');
  const [places, setPlaces] = useState('4');
  const action = useAction(['floor', 'number', 'gender', 'places']);
  const use = useAction();
  return (
    <section class="section card" data-testid="hostel-card" data-hostel-id={String(h.id)}>
      <h2>{h.name}</h2>
      <p class="muted">
        {h.address} · {t('ui.hostel.stock.totals', { places: h.totals.places, in_use: h.totals.in_use, free: h.totals.free })}
      </p>
      {use.alert}
      {h.rooms.map((r) => (
        <div key={String(r.id)} class="hostel-room" data-testid="hostel-room">
          <h3>
            {t('ui.hostel.stock.room_title', { number: r.number, floor: r.floor })} · {t(`ui.hostel.stock.gender_${r.gender}`)}
          </h3>
          <ul class="plain-list hostel-places">
            {r.places.map((p) => (
              <li key={String(p.id)} data-testid="hostel-place" data-out-of-use={p.out_of_use ? 'true' : 'false'}>
                {t('ui.hostel.stock.place', { label: p.label })}:{' '}
                {p.out_of_use ? t('ui.hostel.stock.out_of_use') : p.occupied ? t('ui.hostel.stock.occupied') : t('ui.hostel.stock.free')}{' '}
                {!p.occupied && (
                  <button type="button" class="button button-small button-secondary" disabled={use.busy}
                    onClick={() => use.run(async () => {
                      await api.put(hostelPath('hostels', h.id, 'places', p.id, 'use'), { out_of_use: !p.out_of_use });
                      await onChanged();
                    })}>
                    {t(p.out_of_use ? 'ui.hostel.stock.back_in_use' : 'ui.hostel.stock.take_out')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <details>
        <summary>
          {t('ui.hostel.stock.add_room')} <RuleRef rule="HST-RES-1" />
        </summary>
        <form
          class="form"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            await action.run(async () => {
              await api.post(hostelPath('hostels', h.id, 'rooms'), { floor: Number(floor), number: number.trim(), gender, places: Number(places) });
              setNumber('');
              await onChanged();
            });
          }}
        >
          <TextField label={t('ui.hostel.stock.floor')} name="floor" type="number" value={floor} onValue={setFloor} error={action.errors.fields.floor} required />
          <TextField label={t('ui.hostel.stock.room')} name="number" value={number} onValue={setNumber} error={action.errors.fields.number} required />
          <SelectField label={t('ui.hostel.stock.gender')} name="gender" value={gender} onValue={setGender}
            options={['female', 'male'].map((g) => ({ value: g, label: t(`ui.hostel.stock.gender_${g}`) }))} error={action.errors.fields.gender} />
          <TextField label={t('ui.hostel.stock.places')} name="places" type="number" value={places} onValue={setPlaces} error={action.errors.fields.places} required />
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {t('ui.hostel.stock.add_room')}
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}
