// The head of the hostel's desk: the residents' register (appendix 6, HST-REG-1) with settlement on
// the principal's order, the violation register (appendix 9), evictions, visitor bans (HST-VIS-1),
// the routine (HST-DAY-1) and the holiday lists (HST-LV-2).
import { useEffect, useState } from 'preact/hooks';
import { api, withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formatDate, formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { PdfLinks, useAction } from '../elections/parts';
import type { Eviction, FreePlace, Resident, Routine, Violation } from './residence';

const TABS = ['register', 'violations', 'evictions', 'visitors', 'routine', 'holidays'] as const;
type Tab = (typeof TABS)[number];

function SettleForm({ onSettled }: { onSettled: (r: Resident) => void }) {
  const today = todayInAlmaty();
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [gender, setGender] = useState('female');
  const [places] = useResource<{ items: FreePlace[] }>(withQuery('/api/v1/hostel/free-places', { gender }), [gender]);
  const [place, setPlace] = useState('');
  const [basis, setBasis] = useState('grant');
  const [group, setGroup] = useState('2');
  const [settledOn, setSettledOn] = useState(today);
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState(today);
  const action = useAction(['person_id', 'place_id', 'basis', 'priority_group', 'settled_on', 'settlement_order_number', 'settlement_order_date']);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const r = await api.post<Resident>('/api/v1/hostel/residents', {
        person_id: person?.id, place_id: place ? Number(place) : undefined, basis, priority_group: Number(group), settled_on: settledOn,
        settlement_order_number: orderNumber || undefined, settlement_order_date: orderDate,
      });
      setPerson(null);
      setPlace('');
      setOrderNumber('');
      onSettled(r);
    });
  };
  const options = places.state === 'ready' ? places.data.items.map((p) => ({ value: String(p.place_id), label: `${p.hostel_name}, ${p.room_number}/${p.label}` })) : [];
  return (
    <form class="form" noValidate onSubmit={submit} data-testid="settle-form">
      <h2>{t('ui.hostel.residents.settle')}</h2>
      {action.alert}
      <PersonPicker label={t('ui.hostel.residents.student')} name="person_id" kind="student" value={person} onValue={setPerson} error={action.errors.fields.person_id} required />
      <div class="grid-2">
        <SelectField label={t('ui.hostel.residents.room_gender')} name="gender" value={gender} onValue={setGender}
          options={[{ value: 'female', label: t('ui.hostel.residents.gender_female') }, { value: 'male', label: t('ui.hostel.residents.gender_male') }]} />
        <SelectField label={t('ui.hostel.residents.place')} name="place_id" value={place} onValue={setPlace} error={action.errors.fields.place_id}
          options={[{ value: '', label: t('ui.hostel.residents.choose_place') }, ...options]} />
      </div>
      <div class="grid-2">
        <SelectField label={t('ui.hostel.residents.basis')} name="basis" value={basis} onValue={setBasis} error={action.errors.fields.basis}
          options={[{ value: 'grant', label: t('ui.hostel.residents.basis_grant') }, { value: 'paid', label: t('ui.hostel.residents.basis_paid') }]} />
        <SelectField label={t('ui.hostel.residents.priority_group')} name="priority_group" value={group} onValue={setGroup} error={action.errors.fields.priority_group}
          options={['1', '2', '3', '4', '5'].map((g) => ({ value: g, label: g }))} />
      </div>
      <div class="grid-3">
        <TextField label={t('ui.hostel.residents.order_number')} name="settlement_order_number" value={orderNumber} onValue={setOrderNumber}
          error={action.errors.fields.settlement_order_number} hint={t('ui.hostel.residents.order_number_hint')} />
        <TextField label={t('ui.hostel.residents.order_date')} name="settlement_order_date" type="date" value={orderDate} onValue={setOrderDate}
          error={action.errors.fields.settlement_order_date} required />
        <TextField label={t('ui.hostel.residents.settled_on')} name="settled_on" type="date" value={settledOn} onValue={setSettledOn} error={action.errors.fields.settled_on} required />
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy} data-testid="settle">
          {t('ui.hostel.residents.settle_button')}
        </button>
      </div>
    </form>
  );
}

function RegisterTab() {
  const { locale } = useApp();
  const [q, setQ] = useState('');
  const [current, setCurrent] = useState(true);
  const [list, reload] = useResource<{ items: Resident[] }>(withQuery('/api/v1/hostel/residents', { q, current: current ? '1' : '' }), [q, current]);
  const [settled, setSettled] = useState<Resident | null>(null);
  return (
    <>
      <section class="section card">
        <SettleForm onSettled={(r) => { setSettled(r); void reload(); }} />
        {settled && (
          <Alert kind="success">
            {t('ui.hostel.residents.settled', { name: settled.student_name, place: settled.place })} <Link href={`/hostel/residents/${settled.id}`}>{t('ui.hostel.residents.open')}</Link>
          </Alert>
        )}
      </section>
      <section class="section card">
        <h2>{t('ui.hostel.residents.register')}</h2>
        <p>
          {t('ui.hostel.residents.pdf')}: <PdfLinks path="/api/v1/hostel/residents/pdf" testid="register-pdf" />
        </p>
        <div class="filters">
          <TextField label={t('ui.hostel.residents.search')} name="q" type="search" value={q} onValue={setQ} />
          <SelectField label={t('ui.hostel.residents.show')} name="current" value={current ? '1' : ''} onValue={(v) => setCurrent(v === '1')}
            options={[{ value: '1', label: t('ui.hostel.residents.show_current') }, { value: '', label: t('ui.hostel.residents.show_all') }]} />
        </div>
        {list.state === 'loading' && <Loading />}
        {list.state === 'failed' && <Alert>{list.message}</Alert>}
        {list.state === 'ready' && (
          <table class="table responsive-table" data-testid="register">
            <thead>
              <tr>
                <th scope="col">{t('ui.hostel.residents.student')}</th>
                <th scope="col">{t('ui.hostel.residents.place')}</th>
                <th scope="col">{t('ui.hostel.residents.settlement')}</th>
                <th scope="col">{t('ui.hostel.residents.eviction')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={String(r.id)}>
                  <th scope="row" data-label={t('ui.hostel.residents.student')}>
                    <Link href={`/hostel/residents/${r.id}`}>{r.student_name}</Link>
                  </th>
                  <td data-label={t('ui.hostel.residents.place')}>{r.place}</td>
                  <td data-label={t('ui.hostel.residents.settlement')}>
                    № {r.settlement_order_number}, {formatDate(r.settlement_order_date, locale)}
                  </td>
                  <td data-label={t('ui.hostel.residents.eviction')}>
                    {r.eviction_order_number ? `№ ${r.eviction_order_number}, ${formatDate(r.eviction_order_date, locale)}` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function ViolationsTab() {
  const { locale } = useApp();
  const [list] = useResource<{ items: Violation[] }>('/api/v1/hostel/violations', []);
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'failed') return <Alert>{list.message}</Alert>;
  return (
    <section class="section card">
      <h2>{t('ui.hostel.residents.violation_register')}</h2>
      {list.data.items.length === 0 && <p class="empty">{t('ui.hostel.residents.none')}</p>}
      <ul class="plain-list">
        {list.data.items.map((v) => (
          <li key={String(v.id)}>
            <Link href={`/hostel/violations/${v.id}`}>
              {formatDate(v.occurred_on, locale)} · {v.student_name} · {t('ui.hostel.violation.ordinal', { n: v.ordinal })} · {t(`ui.hostel.violation.measure_${v.measure}`)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EvictionsTab() {
  const [list] = useResource<{ items: Eviction[] }>('/api/v1/hostel/evictions', []);
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'failed') return <Alert>{list.message}</Alert>;
  return (
    <section class="section card">
      <h2>{t('ui.hostel.eviction.list')}</h2>
      {list.data.items.length === 0 && <p class="empty">{t('ui.hostel.residents.none')}</p>}
      <ul class="plain-list">
        {list.data.items.map((e) => (
          <li key={String(e.id)}>
            <Link href={`/hostel/evictions/${e.id}`}>
              {e.student_name} · {t(`ui.hostel.eviction.reason_${e.reason}`)} · {t(`ui.hostel.eviction.state_${e.state}`)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Ban {
  id: number | string;
  visitor_name: string;
  document: string;
  reason: string;
  banned_at: string;
  lifted_at: string | null;
}

function VisitorsTab() {
  const { locale } = useApp();
  const [bans, reload] = useResource<{ items: Ban[] }>('/api/v1/hostel/visitor-bans', []);
  const [name, setName] = useState('');
  const [document, setDocument] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction(['visitor_name', 'document', 'reason']);
  const ban = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.post('/api/v1/hostel/visitor-bans', { visitor_name: name, document, reason });
      setName('');
      setDocument('');
      setReason('');
      await reload();
    });
  };
  const lift = (id: number | string) => action.run(async () => {
    await api.post(`/api/v1/hostel/visitor-bans/${id}/lift`, {});
    await reload();
  });
  return (
    <section class="section card">
      <h2>{t('ui.hostel.residents.bans')}</h2>
      <form class="form" noValidate onSubmit={ban}>
        {action.alert}
        <div class="grid-3">
          <TextField label={t('ui.hostel.door.visitor_name')} name="visitor_name" value={name} onValue={setName} error={action.errors.fields.visitor_name} required />
          <TextField label={t('ui.hostel.door.document')} name="document" value={document} onValue={setDocument} error={action.errors.fields.document} required />
          <TextField label={t('ui.hostel.residents.ban_reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} required />
        </div>
        <div class="form-actions">
          <button type="submit" class="button button-danger" disabled={action.busy}>
            {t('ui.hostel.residents.ban')}
          </button>
        </div>
      </form>
      {bans.state === 'ready' && (
        <ul class="plain-list">
          {bans.data.items.map((b) => (
            <li key={String(b.id)}>
              {b.visitor_name} ({b.document}): {b.reason} · {formatDateTime(b.banned_at, locale)}
              {b.lifted_at ? ` · ${t('ui.hostel.residents.ban_lifted')}` : (
                <button type="button" class="button button-small button-secondary" onClick={() => void lift(b.id)}>
                  {t('ui.hostel.residents.lift_ban')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RoutineTab() {
  const [routine, setRoutine] = useState<Routine | null>(null);
  const [saved, setSaved] = useState(false);
  const action = useAction(['opens', 'closes', 'gadgets_off', 'lights_out']);
  useEffect(() => {
    void api.get<Routine>('/api/v1/hostel/routine').then(setRoutine);
  }, []);
  if (!routine) return <Loading />;
  const save = (e: Event) => {
    e.preventDefault();
    setSaved(false);
    void action.run(async () => {
      setRoutine(await api.put<Routine>('/api/v1/hostel/routine', routine));
      setSaved(true);
    });
  };
  const field = (key: keyof Routine) => (
    <TextField label={t(`ui.hostel.routine.${key}`)} name={key} type="time" value={routine[key]} onValue={(v) => setRoutine({ ...routine, [key]: v })} error={action.errors.fields[key]} required />
  );
  return (
    <section class="section card">
      <h2>{t('ui.hostel.routine.title')}</h2>
      <form class="form" noValidate onSubmit={save} data-testid="routine-form">
        {action.alert}
        {saved && <Alert kind="success">{t('ui.hostel.routine.saved')}</Alert>}
        <div class="grid-2">
          {field('opens')}
          {field('closes')}
          {field('gadgets_off')}
          {field('lights_out')}
        </div>
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy}>
            {t('ui.common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function HolidaysTab() {
  const [holiday, setHoliday] = useState('autumn');
  const [list] = useResource<{ stay: Resident[]; leave: Resident[] }>(withQuery('/api/v1/hostel/holiday-list', { holiday }), [holiday]);
  return (
    <section class="section card">
      <h2>{t('ui.hostel.residents.holidays')}</h2>
      <SelectField label={t('ui.hostel.residents.holiday')} name="holiday" value={holiday} onValue={setHoliday}
        options={['autumn', 'spring'].map((h) => ({ value: h, label: t(`ui.hostel.residents.holiday_${h}`) }))} />
      {list.state === 'ready' && (
        <div class="grid-2">
          <div>
            <h3>{t('ui.hostel.residents.stay')}</h3>
            <ul class="plain-list">{list.data.stay.map((r) => <li key={String(r.id)}>{r.student_name} — {r.holiday_reason}</li>)}</ul>
          </div>
          <div>
            <h3>{t('ui.hostel.residents.leave')}</h3>
            <ul class="plain-list">{list.data.leave.map((r) => <li key={String(r.id)}>{r.student_name}</li>)}</ul>
          </div>
        </div>
      )}
    </section>
  );
}

export function ResidentsPage({ search }: RouteProps) {
  const { user } = useApp();
  const asked = new URLSearchParams(search).get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'register';
  return (
    <>
      <PageHeader title={t('ui.hostel.residents.title')} subtitle={user?.institution?.name}>
        <Link href="/hostel/door">{t('ui.hostel.door.title')}</Link>
      </PageHeader>
      <nav class="subnav" aria-label={t('ui.hostel.residents.tabs_label')}>
        <ul>
          {TABS.map((item) => (
            <li key={item}>
              <Link href={`/hostel/residents?tab=${item}`} aria-current={item === tab ? 'page' : undefined} data-tab={item}>
                {t(`ui.hostel.residents.tab_${item}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'register' && <RegisterTab />}
      {tab === 'violations' && <ViolationsTab />}
      {tab === 'evictions' && <EvictionsTab />}
      {tab === 'visitors' && <VisitorsTab />}
      {tab === 'routine' && <RoutineTab />}
      {tab === 'holidays' && <HolidaysTab />}
    </>
  );
}
