// The principal's order (DISC-PEN-4, DISC-PEN-5): its text as signed, the PDF in kk/ru/en, the
// verification code behind its QR, and its delivery against a receipt or by mail.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useAbilities, useResource } from '../bodies/bodies-api';
import { groupedHash } from '../bodies/protocol';
import { PdfLinks, useAction } from '../elections/parts';
import { orderPath, type Order } from './discipline';

/** A signed order's verification code (the target of its QR code) and document hash. */
export function OrderProof({ code, hash, testid }: { code: string; hash: string; testid: string }) {
  return (
    <dl class="facts facts-pairs">
      <dt>{t('ui.discipline.verification_code')}</dt>
      <dd>
        <Link href={`/verify/${code}`} data-testid={testid}>
          {code}
        </Link>
      </dd>
      <dt>{t('ui.protocol.hash')}</dt>
      <dd>
        <code class="hash">{groupedHash(hash)}</code>
      </dd>
    </dl>
  );
}

export function OrderPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [order, , replace] = useResource<Order>(orderPath(params.id), [locale]);
  const may = useAbilities('discipline_order', params.id);
  if (order.state === 'loading') return <Loading />;
  if (order.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.discipline.order')} />
        <Alert>{order.message}</Alert>
      </>
    );
  const o = order.data;
  const c = o.content;
  const withdrawal = o.kind === 'withdrawal';
  return (
    <div data-testid="order" data-order-id={String(o.id)} data-delivered={o.delivery ? 'true' : 'false'}>
      <PageHeader title={t(withdrawal ? 'ui.discipline.order_withdrawal_title' : 'ui.discipline.order_title', { number: c.number })} subtitle={c.institution} />
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('ui.discipline.issued_on')}</dt>
          <dd>{formatDate(c.issued_on, locale)}</dd>
          {c.student && (
            <>
              <dt>{t('ui.discipline.student')}</dt>
              <dd>
                {c.student.name}
                {c.student.group ? `, ${c.student.group}` : ''}
              </dd>
            </>
          )}
          {c.penalty && (
            <>
              <dt>{t('ui.discipline.penalty')}</dt>
              <dd data-testid="order-penalty">{t(`discipline.penalty.${c.penalty}`)}</dd>
            </>
          )}
          {c.grounds && (
            <>
              <dt>{t('ui.discipline.grounds')}</dt>
              <dd class="pre-line">{c.grounds}</dd>
            </>
          )}
          {c.decision && (
            <>
              <dt>{t('ui.discipline.decision')}</dt>
              <dd>{t('discipline.order.decision', { body: c.decision.body, date: formatDate(c.decision.held_on, locale), protocol: c.decision.protocol })}</dd>
            </>
          )}
          {o.case_id != null && (
            <>
              <dt>{t('ui.discipline.case')}</dt>
              <dd>
                <Link href={`/discipline/cases/${o.case_id}`}>{t('ui.discipline.case_title', { number: c.case ?? String(o.case_id) })}</Link>
              </dd>
            </>
          )}
        </dl>
        {c.evidence && c.evidence.length > 0 && (
          <>
            <h2>{t('discipline.order.evidence')}</h2>
            <div class="table-scroll">
              <table class="table table-compact">
                <thead>
                  <tr>
                    <th>{t('discipline.order.evidence_kind')}</th>
                    <th>{t('discipline.order.evidence_description')}</th>
                    <th>SHA-256</th>
                  </tr>
                </thead>
                <tbody>
                  {c.evidence.map((e, i) => (
                    <tr key={i}>
                      <td>{t(`discipline.evidence_kind.${e.kind}`)}</td>
                      <td>{e.description}</td>
                      <td>
                        <code class="hash">{e.sha256.slice(0, 16)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <section class="section card" data-testid="order-document">
        <h2>
          {t('ui.discipline.document')} <RuleRef rule="DISC-PEN-4" />
        </h2>
        <p>
          {t('ui.discipline.pdf')}: <PdfLinks path={orderPath(o.id, '/pdf')} testid="order-pdf" />
        </p>
        <OrderProof code={o.verification_code} hash={o.document_hash} testid="order-code" />
      </section>
      <section class="section card" data-testid="order-delivery">
        <h2>{t('ui.discipline.delivery')}</h2>
        {o.delivery ? (
          <p data-testid="delivery-recorded">
            {o.delivery.method === 'receipt'
              ? t('ui.discipline.delivered_receipt', { date: formatDate(o.delivery.on, locale), name: o.delivery.received_by })
              : t('ui.discipline.delivered_mail', { date: formatDate(o.delivery.on, locale), note: o.delivery.note })}
          </p>
        ) : (
          <p class="muted">{t('ui.discipline.not_delivered')}</p>
        )}
        {!o.delivery && may('discipline_order.deliver') && <DeliveryForm order={o} onDone={replace} />}
      </section>
    </div>
  );
}

function DeliveryForm({ order, onDone }: { order: Order; onDone: (o: Order) => void }) {
  const [method, setMethod] = useState('receipt');
  const [on, setOn] = useState(todayInAlmaty());
  const [to, setTo] = useState<PickedPerson | null>(null);
  const [note, setNote] = useState('');
  const action = useAction(['method', 'on', 'received_by_person_id', 'note']);
  return (
    <form
      class="form"
      noValidate
      data-testid="delivery-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (method === 'receipt' && !to) return action.fail('received_by_person_id', t('ui.discipline.person_required'));
        await action.run(async () =>
          onDone(
            await api.post<Order>(orderPath(order.id, '/delivery'), {
              method,
              on,
              ...(method === 'receipt' && to ? { received_by_person_id: Number(to.id) } : {}),
              ...(note.trim() ? { note } : {}),
            }),
          ),
        );
      }}
    >
      <SelectField
        label={t('ui.discipline.delivery_method')}
        name="method"
        value={method}
        onValue={setMethod}
        options={['receipt', 'mail'].map((m) => ({ value: m, label: t(`ui.discipline.delivery.${m}`) }))}
        error={action.errors.fields.method}
      />
      <TextField label={t('ui.discipline.delivered')} name="on" type="date" value={on} onValue={setOn} max={todayInAlmaty()} error={action.errors.fields.on} required />
      {method === 'receipt' && (
        <PersonPicker
          label={t('ui.discipline.received_by')}
          name="received_by_person_id"
          value={to}
          onValue={setTo}
          error={action.errors.fields.received_by_person_id}
          hint={t('ui.discipline.received_by_hint')}
          required
        />
      )}
      <TextAreaField
        label={t(method === 'mail' ? 'ui.discipline.postal_number' : 'ui.discipline.note')}
        name="note"
        value={note}
        onValue={setNote}
        error={action.errors.fields.note}
        required={method === 'mail'}
      />
      {action.alert}
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy}>
          {t('ui.discipline.record_delivery')}
        </button>
      </div>
    </form>
  );
}
