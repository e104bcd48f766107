// A resident (HST-REG-1): the place and the settlement order, the acceptance certificate (appendix 8)
// the representative signs in the app or the head records on paper, damage and its compensation,
// relocation, the holiday stays (HST-LV-2), leave applications (HST-LV-1), violations (HST-VIOL-1)
// and evictions (HST-EV-1). Each action shows where the server's policy allows it.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate, formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { PdfLinks, useAction } from '../elections/parts';
import {
  earliestLeave, EVICTION_REASONS, LEAVE_REASONS, nextMeasure, residentPath, SEVERITIES, type FreePlace, type Resident,
} from './residence';

type Item = { name: string; quantity: number; condition: string };

function Certificate({ r, replace }: { r: Resident; replace: (r: Resident) => void }) {
  const { locale } = useApp();
  const c = r.certificate;
  const [items, setItems] = useState<Item[]>(c?.items ?? [{ name: '', quantity: 1, condition: '' }]);
  const [rep, setRep] = useState(String(r.representatives?.[0]?.id ?? ''));
  const action = useAction(['items', 'representative_id']);
  const save = (e: Event) => {
    e.preventDefault();
    void action.run(async () => replace(await api.put<Resident>(`${residentPath(r.id)}/certificate`, { items })));
  };
  const sign = () => action.run(async () => replace(await api.post<Resident>(`${residentPath(r.id)}/certificate/sign`, {})));
  const paper = () => action.run(async () => replace(await api.post<Resident>(`${residentPath(r.id)}/certificate/paper-signature`, { representative_id: Number(rep) })));
  const set = (i: number, patch: Partial<Item>) => setItems(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <section class="section card" data-testid="certificate">
      <h2>{t('ui.hostel.residents.certificate')}</h2>
      {action.alert}
      {c && (
        <>
          <table class="table responsive-table">
            <thead>
              <tr>
                <th scope="col">{t('hostel.resident.col_item')}</th>
                <th scope="col">{t('hostel.resident.col_quantity')}</th>
                <th scope="col">{t('hostel.resident.col_condition')}</th>
              </tr>
            </thead>
            <tbody>
              {c.items.map((it, i) => (
                <tr key={i}>
                  <th scope="row" data-label={t('hostel.resident.col_item')}>{it.name}</th>
                  <td data-label={t('hostel.resident.col_quantity')}>{it.quantity}</td>
                  <td data-label={t('hostel.resident.col_condition')}>{it.condition}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="certificate-state">
            {c.signed_at
              ? t(c.signed_how === 'paper' ? 'ui.hostel.residents.signed_paper' : 'ui.hostel.residents.signed_app', { name: c.signed_by ?? '', at: formatDateTime(c.signed_at, locale) })
              : t('ui.hostel.residents.awaiting_signature')}
          </p>
          <p>
            PDF: <PdfLinks path={`${residentPath(r.id)}/certificate/pdf`} testid="certificate-pdf" />
          </p>
          {!c.signed_at && r.may_sign && (
            <button type="button" class="button" onClick={() => void sign()} disabled={action.busy} data-testid="sign-certificate">
              {t('ui.hostel.residents.sign_certificate')}
            </button>
          )}
        </>
      )}
      {r.may_manage && !c?.signed_at && !r.evicted_on && (
        <form class="form" noValidate onSubmit={save} data-testid="certificate-form">
          <h3>{t(c ? 'ui.hostel.residents.certificate_edit' : 'ui.hostel.residents.certificate_new')}</h3>
          {items.map((it, i) => (
            <div class="grid-3" key={i}>
              <TextField label={t('hostel.resident.col_item')} name={`item_${i}`} value={it.name} onValue={(v) => set(i, { name: v })} required />
              <TextField label={t('hostel.resident.col_quantity')} name={`qty_${i}`} type="number" value={String(it.quantity)} onValue={(v) => set(i, { quantity: Number(v) })} />
              <TextField label={t('hostel.resident.col_condition')} name={`cond_${i}`} value={it.condition} onValue={(v) => set(i, { condition: v })} />
            </div>
          ))}
          {action.errors.fields.items && <p class="field-error">{action.errors.fields.items}</p>}
          <div class="form-actions">
            <button type="button" class="button button-secondary" onClick={() => setItems([...items, { name: '', quantity: 1, condition: '' }])}>
              {t('ui.hostel.residents.add_item')}
            </button>
            <button type="submit" class="button" disabled={action.busy} data-testid="save-certificate">
              {t('ui.common.save')}
            </button>
          </div>
          {c && (r.representatives?.length ?? 0) > 0 && (
            <div class="form-row">
              <SelectField label={t('ui.hostel.residents.paper_signed_by')} name="representative_id" value={rep} onValue={setRep}
                options={(r.representatives ?? []).map((p) => ({ value: String(p.id), label: p.name }))} error={action.errors.fields.representative_id} />
              <button type="button" class="button button-secondary" onClick={() => void paper()} disabled={action.busy}>
                {t('ui.hostel.residents.record_paper_signature')}
              </button>
            </div>
          )}
        </form>
      )}
    </section>
  );
}

function Damages({ r, replace }: { r: Resident; replace: (r: Resident) => void }) {
  const { locale } = useApp();
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const action = useAction(['description', 'amount_tenge', 'recorded_on', 'compensated_on']);
  const add = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      replace(await api.post<Resident>(`${residentPath(r.id)}/damages`, { description, amount_tenge: Number(amount), recorded_on: todayInAlmaty() }));
      setDescription('');
      setAmount('');
    });
  };
  const compensated = (id: number | string) => action.run(async () =>
    replace(await api.post<Resident>(`${residentPath(r.id)}/damages/${id}/compensated`, { compensated_on: todayInAlmaty() })));
  if (!r.may_manage && !(r.damages ?? []).length) return null;
  return (
    <section class="section card">
      <h2>{t('ui.hostel.residents.damages')}</h2>
      {action.alert}
      <ul class="plain-list">
        {(r.damages ?? []).map((d) => (
          <li key={String(d.id)}>
            {formatDate(d.recorded_on, locale)}: {d.description} — {d.amount_tenge} ₸ ·{' '}
            {d.compensated_on ? t('ui.hostel.residents.compensated_on', { date: formatDate(d.compensated_on, locale) }) : t('ui.hostel.residents.not_compensated')}
            {!d.compensated_on && r.may_manage && (
              <button type="button" class="button button-small button-secondary" onClick={() => void compensated(d.id)}>
                {t('ui.hostel.residents.mark_compensated')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {r.may_manage && (
        <form class="form" noValidate onSubmit={add}>
          <div class="grid-2">
            <TextField label={t('ui.hostel.residents.damage_description')} name="description" value={description} onValue={setDescription} error={action.errors.fields.description} required />
            <TextField label={t('ui.hostel.residents.damage_amount')} name="amount_tenge" type="number" value={amount} onValue={setAmount} error={action.errors.fields.amount_tenge} required />
          </div>
          <div class="form-actions">
            <button type="submit" class="button button-secondary" disabled={action.busy}>{t('ui.hostel.residents.record_damage')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

function Relocate({ r, replace }: { r: Resident; replace: (r: Resident) => void }) {
  const [places] = useResource<{ items: FreePlace[] }>('/api/v1/hostel/free-places', []);
  const [place, setPlace] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction(['place_id', 'reason', 'moved_on']);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => replace(await api.post<Resident>(`${residentPath(r.id)}/relocate`, { place_id: Number(place), moved_on: todayInAlmaty(), reason })));
  };
  const options = places.state === 'ready' ? places.data.items.map((p) => ({ value: String(p.place_id), label: `${p.hostel_name}, ${p.room_number}/${p.label} (${t(`ui.hostel.residents.gender_${p.gender}`)})` })) : [];
  return (
    <form class="form" noValidate onSubmit={submit}>
      <h3>{t('ui.hostel.residents.relocate')}</h3>
      {action.alert}
      <SelectField label={t('ui.hostel.residents.place')} name="place_id" value={place} onValue={setPlace} error={action.errors.fields.place_id}
        options={[{ value: '', label: t('ui.hostel.residents.choose_place') }, ...options]} />
      <TextField label={t('ui.hostel.residents.relocate_reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} required />
      <div class="form-actions">
        <button type="submit" class="button button-secondary" disabled={action.busy}>{t('ui.hostel.residents.relocate_button')}</button>
      </div>
    </form>
  );
}

function Holidays({ r, replace }: { r: Resident; replace: (r: Resident) => void }) {
  const [autumn, setAutumn] = useState(r.holiday_stays.includes('autumn'));
  const [spring, setSpring] = useState(r.holiday_stays.includes('spring'));
  const [reason, setReason] = useState(r.holiday_reason);
  const action = useAction(['stays', 'reason']);
  const submit = (e: Event) => {
    e.preventDefault();
    const stays = [...(autumn ? ['autumn'] : []), ...(spring ? ['spring'] : [])];
    void action.run(async () => replace(await api.put<Resident>(`${residentPath(r.id)}/holidays`, { stays, reason })));
  };
  return (
    <form class="form" noValidate onSubmit={submit}>
      <h3>{t('ui.hostel.residents.holidays')}</h3>
      {action.alert}
      <CheckboxField label={t('ui.hostel.residents.holiday_autumn')} name="autumn" checked={autumn} onChecked={setAutumn} />
      <CheckboxField label={t('ui.hostel.residents.holiday_spring')} name="spring" checked={spring} onChecked={setSpring} />
      <TextField label={t('ui.hostel.residents.holiday_reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} />
      <div class="form-actions">
        <button type="submit" class="button button-secondary" disabled={action.busy}>{t('ui.common.save')}</button>
      </div>
    </form>
  );
}

function LeaveForm({ r, reload }: { r: Resident; reload: () => Promise<void> }) {
  const [reason, setReason] = useState('weekend');
  const [from, setFrom] = useState(earliestLeave(todayInAlmaty()));
  const [to, setTo] = useState(earliestLeave(todayInAlmaty()));
  const [name, setName] = useState('');
  const [document, setDocument] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction(['reason', 'leave_on', 'return_on', 'accompanying_name', 'accompanying_document']);
  const submit = (e: Event) => {
    e.preventDefault();
    setSent(false);
    void action.run(async () => {
      await api.post(`${residentPath(r.id)}/leaves`, { reason, leave_on: from, return_on: to, accompanying_name: name, accompanying_document: document });
      setSent(true);
      await reload();
    });
  };
  return (
    <form class="form" noValidate onSubmit={submit} data-testid="leave-form">
      <h3>{t('ui.hostel.leave.apply')}</h3>
      <p class="muted">{t('ui.hostel.leave.rule')}</p>
      {action.alert}
      {sent && <Alert kind="success">{t('ui.hostel.leave.applied')}</Alert>}
      <SelectField label={t('ui.hostel.leave.reason')} name="reason" value={reason} onValue={setReason}
        options={LEAVE_REASONS.map((x) => ({ value: x, label: t(`ui.hostel.leave.reason_${x}`) }))} />
      <div class="grid-2">
        <TextField label={t('ui.hostel.leave.leave_on')} name="leave_on" type="date" value={from} onValue={setFrom} error={action.errors.fields.leave_on} required />
        <TextField label={t('ui.hostel.leave.return_on')} name="return_on" type="date" value={to} onValue={setTo} error={action.errors.fields.return_on} required />
      </div>
      <div class="grid-2">
        <TextField label={t('ui.hostel.leave.accompanying_name')} name="accompanying_name" value={name} onValue={setName} error={action.errors.fields.accompanying_name} required />
        <TextField label={t('ui.hostel.leave.accompanying_document')} name="accompanying_document" value={document} onValue={setDocument}
          error={action.errors.fields.accompanying_document} required />
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy} data-testid="apply-leave">{t('ui.hostel.leave.submit')}</button>
      </div>
    </form>
  );
}

function ViolationForm({ r, reload }: { r: Resident; reload: () => Promise<void> }) {
  const [on, setOn] = useState(todayInAlmaty());
  const [description, setDescription] = useState('');
  const [nature, setNature] = useState('');
  const [severity, setSeverity] = useState('minor');
  const [circumstances, setCircumstances] = useState('');
  const [behaviour, setBehaviour] = useState('');
  const action = useAction(['occurred_on', 'description', 'nature', 'severity', 'circumstances', 'behaviour']);
  const next = nextMeasure((r.violations ?? []).map((v) => v.occurred_on), on);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.post(`${residentPath(r.id)}/violations`, { occurred_on: on, description, nature, severity, circumstances, behaviour });
      setDescription('');
      setNature('');
      setCircumstances('');
      setBehaviour('');
      await reload();
    });
  };
  return (
    <form class="form" noValidate onSubmit={submit} data-testid="violation-form">
      <h3>{t('ui.hostel.violation.record')}</h3>
      <p class={next.measure === 'eviction' ? 'flag flag-danger' : 'muted'} data-testid="next-measure">
        {t('ui.hostel.violation.next_measure', { n: next.ordinal, measure: t(`ui.hostel.violation.measure_${next.measure}`) })}
      </p>
      {action.alert}
      <TextField label={t('ui.hostel.violation.occurred_on')} name="occurred_on" type="date" value={on} onValue={setOn} error={action.errors.fields.occurred_on} required />
      <TextAreaField label={t('ui.hostel.violation.description')} name="description" value={description} onValue={setDescription} error={action.errors.fields.description} required />
      <div class="grid-2">
        <TextField label={t('ui.hostel.violation.nature')} name="nature" value={nature} onValue={setNature} error={action.errors.fields.nature} required />
        <SelectField label={t('ui.hostel.violation.severity')} name="severity" value={severity} onValue={setSeverity}
          options={SEVERITIES.map((s) => ({ value: s, label: t(`ui.hostel.violation.severity_${s}`) }))} />
      </div>
      <TextField label={t('ui.hostel.violation.circumstances')} name="circumstances" value={circumstances} onValue={setCircumstances} />
      <TextField label={t('ui.hostel.violation.behaviour')} name="behaviour" value={behaviour} onValue={setBehaviour} />
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy} data-testid="record-violation">{t('ui.hostel.violation.record_button')}</button>
      </div>
    </form>
  );
}

function EvictionForm({ r, reload }: { r: Resident; reload: () => Promise<void> }) {
  const [reason, setReason] = useState('representative_request');
  const [details, setDetails] = useState('');
  const action = useAction(['reason', 'details']);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.post(`${residentPath(r.id)}/evictions`, { reason, details });
      setDetails('');
      await reload();
    });
  };
  return (
    <form class="form" noValidate onSubmit={submit}>
      <h3>{t('ui.hostel.eviction.submit')}</h3>
      {action.alert}
      <SelectField label={t('ui.hostel.eviction.reason')} name="reason" value={reason} onValue={setReason}
        options={EVICTION_REASONS.map((x) => ({ value: x, label: t(`ui.hostel.eviction.reason_${x}`) }))} />
      <TextAreaField label={t('ui.hostel.eviction.details')} name="details" value={details} onValue={setDetails} error={action.errors.fields.details} required />
      <div class="form-actions">
        <button type="submit" class="button button-danger" disabled={action.busy}>{t('ui.hostel.eviction.submit_button')}</button>
      </div>
    </form>
  );
}

export function ResidentPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded, reload, replace] = useResource<Resident>(residentPath(params.id), [locale]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.hostel.residents.resident')} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const r = loaded.data;
  const open = !r.evicted_on;
  return (
    <div data-testid="resident" data-resident-id={String(r.id)}>
      <PageHeader title={r.student_name} subtitle={r.place}>
        {r.may_manage && <Link href="/hostel/residents">{t('ui.hostel.residents.title')}</Link>}
      </PageHeader>
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('ui.hostel.residents.place')}</dt>
          <dd>{r.place}</dd>
          <dt>{t('ui.hostel.residents.settlement')}</dt>
          <dd>
            № {r.settlement_order_number}, {formatDate(r.settlement_order_date, locale)} · {t('ui.hostel.residents.settled_on')}: {formatDate(r.settled_on, locale)}
          </dd>
          <dt>{t('ui.hostel.residents.basis')}</dt>
          <dd>{t(`ui.hostel.residents.basis_${r.basis}`)} · {t('ui.hostel.residents.priority_group')}: {r.priority_group}</dd>
          {r.evicted_on && (
            <>
              <dt>{t('ui.hostel.residents.eviction')}</dt>
              <dd data-testid="evicted-on">
                {formatDate(r.evicted_on, locale)}
                {r.eviction_order_number ? ` · № ${r.eviction_order_number}` : ''}
              </dd>
            </>
          )}
        </dl>
      </section>
      <Certificate r={r} replace={replace} />
      <Damages r={r} replace={replace} />
      {open && r.may_manage && (
        <section class="section card">
          <Relocate r={r} replace={replace} />
          <Holidays r={r} replace={replace} />
        </section>
      )}
      <section class="section card">
        <h2>{t('ui.hostel.leave.title')}</h2>
        <ul class="plain-list" data-testid="leaves">
          {(r.leaves ?? []).map((l) => (
            <li key={String(l.id)}>
              {formatDate(l.leave_on, locale)} – {formatDate(l.return_on, locale)} · {t(`ui.hostel.leave.reason_${l.reason}`)} · {l.accompanying_name} ·{' '}
              <span class="badge badge-inline">{t(`ui.hostel.leave.state_${l.state}`)}</span>
            </li>
          ))}
        </ul>
        {open && r.may_apply_for_leave && <LeaveForm r={r} reload={reload} />}
      </section>
      <section class="section card">
        <h2>{t('ui.hostel.violation.title')}</h2>
        <ul class="plain-list" data-testid="violations">
          {(r.violations ?? []).map((v) => (
            <li key={String(v.id)}>
              <Link href={`/hostel/violations/${v.id}`}>
                {formatDate(v.occurred_on, locale)} · {t('ui.hostel.violation.ordinal', { n: v.ordinal })} · {t(`ui.hostel.violation.measure_${v.measure}`)}
              </Link>
            </li>
          ))}
        </ul>
        {open && r.may_manage && <ViolationForm r={r} reload={reload} />}
      </section>
      <section class="section card">
        <h2>{t('ui.hostel.eviction.title')}</h2>
        <ul class="plain-list">
          {(r.evictions ?? []).map((e) => (
            <li key={String(e.id)}>
              <Link href={`/hostel/evictions/${e.id}`}>
                {t(`ui.hostel.eviction.reason_${e.reason}`)} · {t(`ui.hostel.eviction.state_${e.state}`)}
              </Link>
            </li>
          ))}
        </ul>
        {open && r.may_manage && !(r.evictions ?? []).some((e) => e.state !== 'vacated') && <EvictionForm r={r} reload={reload} />}
      </section>
    </div>
  );
}

