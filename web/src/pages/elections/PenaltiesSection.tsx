// The register of disciplinary orders on the person page (DISC-PEN-6; feeds ELEC-ELIG-1): the
// penalties with whether each is in force, a new one, and its withdrawal.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import type { Id, Penalty } from './elections';
import { useAction } from './parts';

export function PenaltiesSection({ personId }: { personId: Id }) {
  const { locale } = useApp();
  const path = `/api/v1/people/${encodeURIComponent(String(personId))}/penalties`;
  const [list, reload] = useResource<{ items: Penalty[]; penalty_in_force: boolean }>(path, [locale]);
  const [order, setOrder] = useState('');
  const [imposed, setImposed] = useState(todayInAlmaty());
  const [reason, setReason] = useState('');
  const add = useAction(['order_number', 'imposed_on', 'reason']);
  return (
    <section class="section card" data-testid="penalties">
      <h2>
        {t('ui.penalty.title')} <RuleRef rule="DISC-PEN-6" />
      </h2>
      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <Alert>{list.message}</Alert>}
      {list.state === 'ready' && (
        <>
          <p data-testid="penalty-in-force" data-in-force={list.data.penalty_in_force ? 'true' : 'false'}>
            {t(list.data.penalty_in_force ? 'ui.penalty.in_force_now' : 'ui.penalty.none_in_force')}
          </p>
          {list.data.items.length > 0 && (
            <table class="table">
              <thead>
                <tr>
                  <th>{t('ui.penalty.order_number')}</th>
                  <th>{t('ui.penalty.imposed_on')}</th>
                  <th>{t('ui.penalty.reason')}</th>
                  <th>{t('ui.penalty.state')}</th>
                  <th>{t('ui.common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((p) => (
                  <PenaltyRow key={String(p.id)} penalty={p} onChanged={reload} />
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <form
        class="form"
        noValidate
        data-testid="add-penalty"
        onSubmit={async (event) => {
          event.preventDefault();
          const ok = await add.run(async () => {
            await api.post(path, { order_number: order, imposed_on: imposed, reason });
          });
          if (ok) {
            setOrder('');
            setReason('');
            await reload();
          }
        }}
      >
        <h3 class="subheading">{t('ui.penalty.add')}</h3>
        {add.alert}
        <div class="grid-2">
          <TextField label={t('ui.penalty.order_number')} name="order_number" required value={order} onValue={setOrder} error={add.errors.fields.order_number} />
          <TextField label={t('ui.penalty.imposed_on')} name="imposed_on" type="date" required value={imposed} onValue={setImposed} error={add.errors.fields.imposed_on} />
        </div>
        <TextAreaField label={t('ui.penalty.reason')} name="reason" required rows={2} value={reason} onValue={setReason} error={add.errors.fields.reason} />
        <button type="submit" class="button" disabled={add.busy}>
          {t('ui.penalty.add_submit')}
        </button>
      </form>
    </section>
  );
}

function PenaltyRow({ penalty: p, onChanged }: { penalty: Penalty; onChanged: () => Promise<void> }) {
  const { locale } = useApp();
  const [on, setOn] = useState(todayInAlmaty());
  // DISC-PEN-5: a penalty of a Kenes order is withdrawn by an order, on an intercession, with grounds.
  const byOrder = p.order_id != null;
  const [intercession, setIntercession] = useState('teacher');
  const [intercessor, setIntercessor] = useState('');
  const [grounds, setGrounds] = useState('');
  const withdraw = useAction(['withdrawn_on', 'intercession', 'intercessor', 'grounds']);
  return (
    <tr data-penalty-id={String(p.id)} data-in-force={p.in_force ? 'true' : 'false'}>
      <td>{byOrder ? <Link href={`/discipline/orders/${p.order_id}`}>{p.order_number}</Link> : p.order_number}</td>
      <td>{formatDate(p.imposed_on, locale)}</td>
      <td>{p.reason}</td>
      <td>
        {p.in_force ? t('ui.penalty.in_force') : p.withdrawn_on ? t('ui.penalty.withdrawn_on', { date: formatDate(p.withdrawn_on, locale) }) : t('ui.penalty.expired')}
        {p.withdrawal_order_id != null && (
          <>
            {' · '}
            <Link href={`/discipline/orders/${p.withdrawal_order_id}`}>{t('ui.discipline.open_order')}</Link>
          </>
        )}
      </td>
      <td>
        {!p.withdrawn_on && (
          <form
            class="inline-form"
            noValidate
            onSubmit={async (event) => {
              event.preventDefault();
              await withdraw.run(async () => {
                await api.post(
                  `/api/v1/penalties/${encodeURIComponent(String(p.id))}/withdraw`,
                  byOrder ? { withdrawn_on: on, intercession, ...(intercessor.trim() ? { intercessor } : {}), grounds } : { withdrawn_on: on },
                );
                await onChanged();
              });
            }}
          >
            {withdraw.alert}
            <TextField label={t('ui.penalty.withdrawn_date')} name="withdrawn_on" type="date" value={on} onValue={setOn} error={withdraw.errors.fields.withdrawn_on} />
            {byOrder && (
              <>
                <SelectField
                  label={t('ui.discipline.intercession')}
                  name="intercession"
                  value={intercession}
                  onValue={setIntercession}
                  options={['teacher', 'student_government'].map((x) => ({ value: x, label: t(`ui.discipline.intercession.${x}`) }))}
                  error={withdraw.errors.fields.intercession}
                />
                <TextField label={t('ui.discipline.intercessor')} name="intercessor" value={intercessor} onValue={setIntercessor} error={withdraw.errors.fields.intercessor} />
                <TextAreaField
                  label={t('ui.discipline.withdrawal_grounds')}
                  name="grounds"
                  rows={2}
                  value={grounds}
                  onValue={setGrounds}
                  error={withdraw.errors.fields.grounds}
                  hint={t('ui.discipline.withdrawal_grounds_hint')}
                  required
                />
              </>
            )}
            <button type="submit" class="button button-secondary">
              {t('ui.penalty.withdraw')}
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}
