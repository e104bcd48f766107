// A principal's hostel order: its text as signed, the PDF in kk/ru/en and the verification code
// behind its QR. The server's policy decides who reads it (the student, the family, the curator,
// the head, the administration; the commission for its allocation).
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t, type Locale } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { OrderProof } from '../discipline/OrderPage';
import { PdfLinks } from '../elections/parts';
import { hostelOrderPath, type HostelOrder, type HostelOrderStudent } from './orders';

/** What the order says of one student, in the reader's language (the PDF's words). */
export function orderLine(s: HostelOrderStudent, locale: Locale): string {
  const parts = [t(`hostel.order.line.${s.line}`)];
  if (s.room) parts.push(t('hostel.order.room', { room: s.room, place: s.place ?? '' }));
  if (s.reason) parts.push(t(`hostel.eviction_reason.${s.reason}`));
  if (s.vacate_by) parts.push(t('hostel.order.vacate_by', { date: formatDate(s.vacate_by, locale) }));
  if (s.deviation) parts.push(t('hostel.order.deviation', { reason: s.deviation }));
  return parts.join('; ');
}

export function HostelOrderPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [order] = useResource<HostelOrder>(hostelOrderPath(params.id), [locale]);
  if (order.state === 'loading') return <Loading />;
  if (order.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.hostel.order.title')} />
        <Alert>{order.message}</Alert>
      </>
    );
  const o = order.data;
  const c = o.content;
  return (
    <div data-testid="hostel-order" data-order-id={String(o.id)} data-kind={o.kind}>
      <PageHeader title={t(`ui.hostel.order.kind.${o.kind}`, { number: c.number })} subtitle={c.institution} />
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('ui.hostel.order.issued_on')}</dt>
          <dd>{formatDate(c.issued_on, locale)}</dd>
          {c.decision && (
            <>
              <dt>{t('hostel.order.grounds')}</dt>
              <dd>{t('hostel.order.decision', { body: c.decision.body, date: formatDate(c.decision.held_on, locale), protocol: c.decision.protocol })}</dd>
            </>
          )}
          {c.grounds && (
            <>
              <dt>{t('hostel.order.grounds')}</dt>
              <dd class="pre-line">{c.grounds}</dd>
            </>
          )}
        </dl>
        <h2>{t('hostel.order.ordered')}</h2>
        <div class="table-scroll">
          <table class="table" data-testid="hostel-order-lines">
            <thead>
              <tr>
                <th>№</th>
                <th>{t('hostel.order.student')}</th>
                <th>{t('hostel.order.group')}</th>
                <th>{t('hostel.order.measure')}</th>
              </tr>
            </thead>
            <tbody>
              {(c.students ?? []).map((s, i) => (
                <tr key={i} data-line={s.line}>
                  <td>{i + 1}</td>
                  <td>{s.name}</td>
                  <td>{s.group || (s.grade != null && s.grade !== '' ? t('hostel.order.grade', { grade: String(s.grade) }) : '')}</td>
                  <td>{orderLine(s, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="section card" data-testid="hostel-order-document">
        <p>
          {t('ui.hostel.order.pdf')}: <PdfLinks path={hostelOrderPath(o.id, '/pdf')} testid="hostel-order-pdf" />
        </p>
        <OrderProof code={o.verification_code} hash={o.document_hash} testid="hostel-order-code" />
      </section>
    </div>
  );
}
