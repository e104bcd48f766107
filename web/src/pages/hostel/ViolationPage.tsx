// An entry of the violation register (appendix 9, HST-VIOL-1): the measure of its place in the
// academic year (HST-VIOL-2), the student's familiarisation signature, the representative's
// notification, the written explanation, the principal's order.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate, formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { violationPath, type Violation } from './residence';

export function ViolationPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded, , replace] = useResource<Violation>(violationPath(params.id), [locale]);
  const [text, setText] = useState('');
  const [orderNumber, setOrderNumber] = useState('');
  const [orderDate, setOrderDate] = useState(todayInAlmaty());
  const action = useAction(['text', 'issued_on', 'order_number']);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.hostel.violation.entry')} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const v = loaded.data;
  const keep = (w: Violation) => replace({ ...v, ...w });
  const sign = (paper: boolean) => action.run(async () => keep(await api.post<Violation>(`${violationPath(v.id)}/${paper ? 'paper-signature' : 'familiarise'}`, {})));
  const explain = (e: Event) => {
    e.preventDefault();
    void action.run(async () => keep(await api.post<Violation>(`${violationPath(v.id)}/explanation`, { text })));
  };
  const order = (e: Event) => {
    e.preventDefault();
    void action.run(async () => keep(await api.post<Violation>(`${violationPath(v.id)}/order`, { issued_on: orderDate, order_number: orderNumber || undefined })));
  };
  return (
    <div data-testid="violation" data-violation-id={String(v.id)}>
      <PageHeader title={t('ui.hostel.violation.entry')} subtitle={v.student_name}>
        <Link href={`/hostel/residents/${v.resident_id}`}>{t('ui.hostel.residents.resident')}</Link>
      </PageHeader>
      {action.alert}
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('ui.hostel.violation.occurred_on')}</dt>
          <dd>{formatDate(v.occurred_on, locale)} ({v.academic_year})</dd>
          <dt>{t('ui.hostel.violation.description')}</dt>
          <dd class="pre-line">{v.description}</dd>
          <dt>{t('ui.hostel.violation.nature')}</dt>
          <dd>{v.nature}</dd>
          <dt>{t('ui.hostel.violation.severity')}</dt>
          <dd>{t(`ui.hostel.violation.severity_${v.severity}`)}</dd>
          {v.circumstances && (
            <>
              <dt>{t('ui.hostel.violation.circumstances')}</dt>
              <dd>{v.circumstances}</dd>
            </>
          )}
          {v.behaviour && (
            <>
              <dt>{t('ui.hostel.violation.behaviour')}</dt>
              <dd>{v.behaviour}</dd>
            </>
          )}
          <dt>{t('ui.hostel.violation.measure')}</dt>
          <dd data-testid="violation-measure" data-measure={v.measure}>
            {t('ui.hostel.violation.ordinal', { n: v.ordinal })}: {t(`ui.hostel.violation.measure_${v.measure}`)} <span class="rule-ref">HST-VIOL-2</span>
            {v.eviction_id != null && (
              <>
                {' '}
                · <Link href={`/hostel/evictions/${v.eviction_id}`}>{t('ui.hostel.eviction.open')}</Link>
              </>
            )}
          </dd>
          <dt>{t('ui.hostel.violation.order')}</dt>
          <dd>{v.order_number ? `№ ${v.order_number}, ${formatDate(v.order_date, locale)}` : t('ui.hostel.violation.no_order')}</dd>
          <dt>{t('ui.hostel.violation.notified')}</dt>
          <dd>{v.representative_notified_at ? formatDateTime(v.representative_notified_at, locale) : '—'}</dd>
          <dt>{t('ui.hostel.violation.familiarised')}</dt>
          <dd data-testid="familiarised">
            {v.familiarised_at ? `${formatDateTime(v.familiarised_at, locale)} (${t(`ui.hostel.violation.how_${v.familiarised_how}`)})` : '—'}
          </dd>
          <dt>{t('ui.hostel.violation.explanation')}</dt>
          <dd class="pre-line" data-testid="explanation">{v.explanation ?? '—'}</dd>
        </dl>
      </section>
      {!v.familiarised_at && (v.may_sign || v.may_manage) && (
        <section class="section card">
          {v.may_sign && (
            <button type="button" class="button" onClick={() => void sign(false)} disabled={action.busy} data-testid="familiarise">
              {t('ui.hostel.violation.sign')}
            </button>
          )}
          {v.may_manage && (
            <button type="button" class="button button-secondary" onClick={() => void sign(true)} disabled={action.busy}>
              {t('ui.hostel.violation.paper_signature')}
            </button>
          )}
        </section>
      )}
      {!v.explanation && v.may_explain && (
        <section class="section card">
          <form class="form" noValidate onSubmit={explain} data-testid="explain-form">
            <TextAreaField label={t('ui.hostel.violation.explanation')} name="text" value={text} onValue={setText} error={action.errors.fields.text} required />
            <div class="form-actions">
              <button type="submit" class="button" disabled={action.busy}>{t('ui.hostel.violation.send_explanation')}</button>
            </div>
          </form>
        </section>
      )}
      {v.may_manage && v.measure === 'reprimand' && !v.order_number && (
        <section class="section card">
          <form class="form" noValidate onSubmit={order}>
            <h2>{t('ui.hostel.violation.order_title')}</h2>
            <div class="grid-2">
              <TextField label={t('ui.hostel.residents.order_number')} name="order_number" value={orderNumber} onValue={setOrderNumber} error={action.errors.fields.order_number} />
              <TextField label={t('ui.hostel.residents.order_date')} name="issued_on" type="date" value={orderDate} onValue={setOrderDate} error={action.errors.fields.issued_on} required />
            </div>
            <div class="form-actions">
              <button type="submit" class="button" disabled={action.busy}>{t('ui.hostel.violation.record_order')}</button>
            </div>
          </form>
        </section>
      )}
    </div>
  );
}
