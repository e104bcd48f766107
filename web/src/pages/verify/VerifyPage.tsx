// Public check of a printed protocol (MTG-7) or a principal's disciplinary order (DISC-PEN-4):
// the code from its QR code or its last page (disciplinary orders carry a "y", hostel orders an
// "h", protocols a "z"). No sign-in:
// the server reveals only what the printout shows (number, date, hash), never the student.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, isAbort } from '../../api';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { ProtocolVerification } from '../bodies/bodies-types';
import { groupedHash, verifyApiPath } from '../bodies/protocol';
import { electionProtocolVerifyPath, isElectionProtocolCode } from '../elections/elections';
import { isDisciplineOrderCode, orderVerifyPath } from '../discipline/discipline';
import { hostelOrderVerifyPath, isHostelOrderCode } from '../hostel/orders';
import { awardOrderVerifyPath, isAwardOrderCode } from '../awards/awards';

interface ElectionVerification {
  kind: 'election_results';
  valid: boolean;
  title: string;
  academic_year: string;
  election_day: string;
  document_hash: string;
  finalized_at: string;
  voted: number;
  roll_size: number;
}

interface OrderVerification {
  document: 'discipline_order' | 'hostel_order' | 'award_order';
  valid: boolean;
  institution: string;
  number: string;
  kind: string;
  issued_on: string;
  document_hash: string;
}

type State = { state: 'order'; data: OrderVerification } | { state: 'loading' } | { state: 'ready'; data: ProtocolVerification } | { state: 'election'; data: ElectionVerification } | { state: 'unknown' } | { state: 'failed'; message: string };

export function VerifyPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded, setLoaded] = useState<State>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: 'loading' });
    const election = isElectionProtocolCode(params.code);
    const hostel = isHostelOrderCode(params.code);
    const award = isAwardOrderCode(params.code);
    if (isDisciplineOrderCode(params.code) || hostel || award) {
      api
        .get<OrderVerification>(award ? awardOrderVerifyPath(params.code) : hostel ? hostelOrderVerifyPath(params.code) : orderVerifyPath(params.code), { signal: controller.signal })
        .then((data) => setLoaded({ state: 'order', data }))
        .catch((error) => {
          if (isAbort(error)) return;
          if (error instanceof ApiError && error.status === 404) setLoaded({ state: 'unknown' });
          else setLoaded({ state: 'failed', message: problemMessage(error) });
        });
      return () => controller.abort();
    }
    api
      .get<ProtocolVerification | ElectionVerification>(election ? electionProtocolVerifyPath(params.code) : verifyApiPath(params.code), { signal: controller.signal })
      .then((data) => setLoaded('kind' in data && data.kind === 'election_results' ? { state: 'election', data } : { state: 'ready', data: data as ProtocolVerification }))
      .catch((error) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.status === 404) setLoaded({ state: 'unknown' });
        else setLoaded({ state: 'failed', message: problemMessage(error) });
      });
    return () => controller.abort();
  }, [params.code, locale]);

  return (
    <>
      <PageHeader title={t(isAwardOrderCode(params.code) ? 'ui.awards.verify_title' : isHostelOrderCode(params.code) ? 'ui.hostel.order.verify_title' : isDisciplineOrderCode(params.code) ? 'ui.discipline.verify_title' : 'ui.verify.title')} subtitle={t('ui.verify.code', { code: params.code })} />
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' && <Alert>{loaded.message}</Alert>}
      {loaded.state === 'unknown' && (
        <div data-testid="verify-result" data-valid="unknown">
          <Alert kind="warning">{t('ui.verify.unknown')}</Alert>
        </div>
      )}
      {loaded.state === 'ready' && <Verification data={loaded.data} />}
      {loaded.state === 'election' && <ElectionProof data={loaded.data} />}
      {loaded.state === 'order' && <OrderProof data={loaded.data} />}
    </>
  );

  function OrderProof({ data }: { data: OrderVerification }) {
    const hostel = data.document === 'hostel_order';
    const award = data.document === 'award_order';
    const title = award
      ? t('awards.order.title', { number: data.number })
      : hostel
      ? t(`ui.hostel.order.kind.${data.kind}`, { number: data.number })
      : t(data.kind === 'withdrawal' ? 'ui.discipline.order_withdrawal_title' : 'ui.discipline.order_title', { number: data.number });
    return (
      <div data-testid="verify-result" data-valid={data.valid ? 'true' : 'false'} data-kind={data.document}>
        <ValidityAlert
          valid={data.valid}
          validKey={award ? 'ui.awards.verify_valid' : hostel ? 'ui.hostel.order.verify_valid' : 'ui.discipline.verify_valid'}
          invalidKey={award ? 'ui.awards.verify_invalid' : hostel ? 'ui.hostel.order.verify_invalid' : 'ui.discipline.verify_invalid'}
        />
        <dl class="protocol-proof card">
          <dt>{t('ui.verify.institution')}</dt>
          <dd data-testid="verify-institution">{data.institution}</dd>
          <dt>{t('ui.verify.document')}</dt>
          <dd data-testid="verify-number">{title}</dd>
          <dt>{t('ui.discipline.issued_on')}</dt>
          <dd data-testid="verify-date">{formatDate(data.issued_on, locale)}</dd>
          <HashRow hash={data.document_hash} />
        </dl>
      </div>
    );
  }

  function ElectionProof({ data }: { data: ElectionVerification }) {
    return (
      <div data-testid="verify-result" data-valid={data.valid ? 'true' : 'false'} data-kind="election_results">
        <ValidityAlert valid={data.valid} />
        <dl class="protocol-proof card">
          <dt>{t('ui.verify.document')}</dt>
          <dd data-testid="verify-title">{data.title}</dd>
          <dt>{t('ui.verify.academic_year')}</dt>
          <dd>{data.academic_year}</dd>
          <dt>{t('ui.election.day')}</dt>
          <dd data-testid="verify-date">{formatDate(data.election_day, locale)}</dd>
          <dt>{t('ui.election.voted')}</dt>
          <dd>{t('ui.election.turnout_total', { voted: data.voted, roll: data.roll_size })}</dd>
          <dt>{t('ui.protocol.finalized_at')}</dt>
          <dd>{formatDateTime(data.finalized_at, locale)}</dd>
          <HashRow hash={data.document_hash} />
        </dl>
      </div>
    );
  }

  function Verification({ data }: { data: ProtocolVerification }) {
    return (
      <div data-testid="verify-result" data-valid={data.valid ? 'true' : 'false'}>
        <ValidityAlert valid={data.valid} />
        <dl class="protocol-proof card">
          <dt>{t('ui.verify.institution')}</dt>
          <dd data-testid="verify-institution">{data.institution}</dd>
          <dt>{t('ui.verify.body')}</dt>
          <dd data-testid="verify-body">{data.body}</dd>
          <dt>{t('ui.verify.number')}</dt>
          <dd data-testid="verify-number">{t('protocol.title', { number: data.number })}</dd>
          {data.held_on && (
            <>
              <dt>{t('ui.verify.held_on')}</dt>
              <dd data-testid="verify-date">{formatDate(data.held_on, locale)}</dd>
            </>
          )}
          {data.academic_year && (
            <>
              <dt>{t('ui.verify.academic_year')}</dt>
              <dd>{data.academic_year}</dd>
            </>
          )}
          {data.signers != null && (
            <>
              <dt>{t('ui.verify.signers')}</dt>
              <dd>{data.signers}</dd>
            </>
          )}
          {data.finalized_at && (
            <>
              <dt>{t('ui.protocol.finalized_at')}</dt>
              <dd>{formatDateTime(data.finalized_at, locale)}</dd>
            </>
          )}
          <HashRow hash={data.document_hash} />
        </dl>
      </div>
    );
  }
}

/** Whether the document's hash and the institution's signature check out. */
/** The document's SHA-256, as printed under its QR code: the row every proof ends with. */
function HashRow({ hash }: { hash: string }) {
  return (
    <>
      <dt>{t('ui.protocol.hash')}</dt>
      <dd>
        <code class="hash" data-testid="verify-hash" data-hash={hash}>
          {groupedHash(hash)}
        </code>
      </dd>
    </>
  );
}

function ValidityAlert({ valid, validKey = 'ui.verify.valid', invalidKey = 'ui.verify.invalid' }: { valid: boolean; validKey?: string; invalidKey?: string }) {
  return (
    <Alert kind={valid ? 'success' : 'error'}>
      <p>
        <strong>{t(valid ? validKey : invalidKey)}</strong>
      </p>
    </Alert>
  );
}
