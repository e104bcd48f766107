// An award (AWD-5): whom, why, the place, the principal's order with its verification code, the
// order and the certificate as PDF in kk/ru/en; the principal chooses to publish it (AWD-1).
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { CheckboxField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { OrderProof } from '../discipline/OrderPage';
import { PdfLinks, useAction } from '../elections/parts';
import { awardPath, type Award } from './awards';

export function AwardPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded, , replace] = useResource<Award>(awardPath(params.id), [locale]);
  const publish = useAction([]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.awards.award')} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const a = loaded.data;
  return (
    <div data-testid="award-page" data-award-id={String(a.id)}>
      <PageHeader title={`${a.kind_name}${a.place ? ` · ${t('awards.place', { place: a.place })}` : ''}`} subtitle={a.recipient_name} />
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('ui.awards.recipient')}</dt>
          <dd>{a.recipient_name} <span class="muted">({t(`ui.awards.recipient_kind.${a.recipient_kind}`)})</span></dd>
          <dt>{t('ui.awards.reason')}</dt>
          <dd class="pre-line">{a.reason}</dd>
          <dt>{t('ui.awards.order')}</dt>
          <dd>{t('ui.awards.order_no', { number: a.order_number })} · {formatDate(a.issued_on, locale)}</dd>
        </dl>
        {a.students && a.students.length > 0 && (
          <>
            <h2>{t('ui.awards.students')}</h2>
            <ul class="plain-list">
              {a.students.map((s) => <li key={String(s.person_id)}>{s.name}</li>)}
            </ul>
          </>
        )}
      </section>
      <section class="section card" data-testid="award-documents">
        <p>
          {t('ui.awards.order_pdf')} <RuleRef rule="AWD-5" />: <PdfLinks path={awardPath(a.id, '/order.pdf')} testid="award-order-pdf" />
        </p>
        <p>
          {t('ui.awards.certificate_pdf')}: <PdfLinks path={awardPath(a.id, '/certificate.pdf')} testid="award-certificate-pdf" />
        </p>
        {a.order && <OrderProof code={a.order.verification_code} hash={a.order.document_hash} testid="award-order-code" />}
      </section>
      {a.may_publish && (
        <section class="section card" data-testid="award-publication">
          <CheckboxField name="published" label={t('ui.awards.publish')} checked={a.published}
            onChecked={(on) => publish.run(async () => {
              const r = await api.put<Award>(awardPath(a.id, '/publication'), { published: on });
              replace({ ...a, published: r.published });
            })} />
          {publish.alert}
        </section>
      )}
    </div>
  );
}
