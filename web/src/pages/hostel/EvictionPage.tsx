// An eviction (HST-EV-1, HST-EV-2): the head's submission, the bypass sheet completed item by item
// before the principal's order, the order with the day to vacate by, vacating with a representative.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate, formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { evictionPath, type Eviction } from './residence';

export function EvictionPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded, , replace] = useResource<Eviction>(evictionPath(params.id), [locale]);
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState(todayInAlmaty());
  const [rep, setRep] = useState('');
  const action = useAction(['issued_on', 'order_number', 'representative_id', 'item']);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.hostel.eviction.title')} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const e = loaded.data;
  const keep = (x: Eviction) => replace({ ...e, ...x });
  const tick = (item: string, done: boolean) => action.run(async () => keep(await api.put<Eviction>(`${evictionPath(e.id)}/bypass`, { item, done })));
  const order = (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => keep(await api.post<Eviction>(`${evictionPath(e.id)}/order`, { issued_on: orderDate, order_number: orderNumber || undefined })));
  };
  const vacated = (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => keep(await api.post<Eviction>(`${evictionPath(e.id)}/vacated`, { representative_id: Number(rep || e.representatives[0]?.id) })));
  };
  return (
    <div data-testid="eviction" data-eviction-id={String(e.id)} data-state={e.state}>
      <PageHeader title={t('ui.hostel.eviction.title')} subtitle={e.student_name}>
        <Link href={`/hostel/residents/${e.resident_id}`}>{t('ui.hostel.residents.resident')}</Link>
      </PageHeader>
      {action.alert}
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('ui.hostel.eviction.reason')}</dt>
          <dd>{t(`ui.hostel.eviction.reason_${e.reason}`)}</dd>
          <dt>{t('ui.hostel.eviction.details')}</dt>
          <dd class="pre-line">{e.details}</dd>
          <dt>{t('ui.hostel.eviction.state')}</dt>
          <dd data-testid="eviction-state">{t(`ui.hostel.eviction.state_${e.state}`)}</dd>
          <dt>{t('ui.hostel.eviction.resettlement')}</dt>
          <dd>{t(`ui.hostel.eviction.resettlement_${e.resettlement}`)} <span class="rule-ref">HST-EV-2</span></dd>
          {e.order_number && (
            <>
              <dt>{t('ui.hostel.violation.order')}</dt>
              <dd>№ {e.order_number}, {formatDate(e.order_date, locale)}</dd>
              <dt>{t('ui.hostel.eviction.vacate_by')}</dt>
              <dd data-testid="vacate-by">{formatDate(e.vacate_by, locale)}</dd>
            </>
          )}
          {e.vacated_at && (
            <>
              <dt>{t('ui.hostel.eviction.vacated')}</dt>
              <dd>{formatDateTime(e.vacated_at, locale)} · {e.vacated_with}</dd>
            </>
          )}
        </dl>
      </section>
      <section class="section card" data-testid="bypass-sheet">
        <h2>{t('ui.hostel.eviction.bypass_sheet')}</h2>
        <div class="bypass-sheet">
        {e.bypass_sheet.map((i) =>
          e.may_manage && e.state === 'submitted' ? (
            <CheckboxField key={i.item} label={t(`ui.hostel.eviction.bypass_${i.item}`)} name={i.item} checked={i.done} onChecked={(done) => void tick(i.item, done)} />
          ) : (
            <p key={i.item}>
              {i.done ? '✓' : '—'} {t(`ui.hostel.eviction.bypass_${i.item}`)}
            </p>
          ),
        )}
        </div>
      </section>
      {e.state === 'submitted' && e.may_order && (
        <section class="section card">
          <form class="form" noValidate onSubmit={order} data-testid="eviction-order-form">
            <h2>{t('ui.hostel.eviction.order_title')}</h2>
            {!e.bypass_complete && <p class="muted">{t('ui.hostel.eviction.bypass_first')}</p>}
            <div class="grid-2">
              <TextField label={t('ui.hostel.residents.order_number')} name="order_number" value={orderNumber} onValue={setOrderNumber} error={action.errors.fields.order_number} />
              <TextField label={t('ui.hostel.residents.order_date')} name="issued_on" type="date" value={orderDate} onValue={setOrderDate} error={action.errors.fields.issued_on} required />
            </div>
            <div class="form-actions">
              <button type="submit" class="button button-danger" disabled={action.busy} data-testid="order-eviction">{t('ui.hostel.eviction.order_button')}</button>
            </div>
          </form>
        </section>
      )}
      {e.state === 'ordered' && e.may_manage && (
        <section class="section card">
          <form class="form" noValidate onSubmit={vacated} data-testid="vacated-form">
            <h2>{t('ui.hostel.eviction.vacated')}</h2>
            <SelectField label={t('ui.hostel.eviction.with_representative')} name="representative_id" value={rep || String(e.representatives[0]?.id ?? '')} onValue={setRep}
              options={e.representatives.map((p) => ({ value: String(p.id), label: p.name }))} error={action.errors.fields.representative_id} />
            <div class="form-actions">
              <button type="submit" class="button" disabled={action.busy} data-testid="record-vacated">{t('ui.hostel.eviction.record_vacated')}</button>
            </div>
          </form>
        </section>
      )}
    </div>
  );
}
