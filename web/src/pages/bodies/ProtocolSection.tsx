// The end of a session (MTG-7): closing it (for those who run it), then its protocol: draft or
// final, who of the members present has signed, the signature of the signed-in member, the PDF
// in each language, and once final the verification code, the document hash and publication.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList, RuleRef } from '../../components/Alert';
import { CheckboxField } from '../../components/Field';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { NO_REFUSAL, refusal, type Refusal } from './bodies-api';
import type { Id, Meeting, Protocol } from './bodies-types';
import { groupedHash, PROTOCOL_LANGS, protocolPath, protocolPdfPath, protocolView, verifyPagePath } from './protocol';

const REFRESH_MS = 3000;

interface Props {
  meeting: Meeting;
  /** The signed-in person runs this body (chair, vice-chair, secretary, or a manager of bodies). */
  runsBody: boolean;
  /** A confidential commission's protocol is never published (GEN-3). */
  confidential: boolean;
  personId: Id | null;
  onClosed: () => void;
}

export function ProtocolSection({ meeting, runsBody, confidential, personId, onClosed }: Props) {
  const [protocol, setProtocol] = useState<Protocol | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [isPublic, setIsPublic] = useState<boolean | null>(null);
  const open = meeting.status === 'open';
  // MTG-1: a session that has not started has no protocol and cannot be closed yet.
  const scheduled = meeting.status === 'scheduled';
  const { locale, user } = useApp();

  // GET .../protocol does not say whether a final protocol is public; the institution's public
  // list of protocols does (PLAN-4).
  const code = protocol?.status === 'final' ? protocol.verification_code : undefined;
  const institutionId = user?.institution?.id;
  useEffect(() => {
    if (!runsBody || !code || institutionId == null || isPublic !== null) return;
    let stopped = false;
    api
      .get<{ items: { verification_code: string }[] }>(`/api/v1/public/institutions/${encodeURIComponent(String(institutionId))}/protocols`)
      .then((list) => !stopped && setIsPublic((current) => current ?? list.items.some((item) => item.verification_code === code)))
      .catch(() => undefined);
    return () => {
      stopped = true;
    };
  }, [runsBody, code, institutionId, isPublic]);

  // The protocol of a closed session; a draft is read again every few seconds while visible,
  // so that the signatures of the others appear without a reload.
  const status = protocol?.status;
  useEffect(() => {
    if (open || scheduled) return;
    let stopped = false;
    let timer = 0;
    const read = async () => {
      if (document.visibilityState !== 'hidden') {
        try {
          const answer = await api.get<Protocol>(protocolPath(meeting.id));
          if (stopped) return;
          setProtocol(answer);
          setLoadError(null);
          if (answer.status === 'final') return;
        } catch (error) {
          if (stopped) return;
          setLoadError(error);
        }
      }
      if (!stopped) timer = window.setTimeout(read, REFRESH_MS);
    };
    if (status !== 'final') read();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, scheduled, meeting.id, status, locale]);

  if (scheduled) return null;
  if (open) return runsBody ? <CloseSession meeting={meeting} onClosed={(answer) => (setProtocol(answer), onClosed())} /> : null;

  return (
    <section id="protocol" class="section card protocol" aria-labelledby="protocol-title" data-testid="protocol" data-status={protocol?.status ?? ''}>
      <h2 id="protocol-title">
        {t('ui.protocol.heading')} <RuleRef rule="MTG-7" />
      </h2>
      {!protocol ? (
        loadError ? <Alert>{problemMessage(loadError)}</Alert> : <p class="muted">{t('ui.common.loading')}</p>
      ) : (
        <ProtocolBody
          meeting={meeting}
          protocol={protocol}
          personId={personId}
          runsBody={runsBody}
          confidential={confidential}
          isPublic={isPublic ?? protocol.public ?? false}
          onProtocol={(answer) => {
            setProtocol(answer);
            if (answer.public !== undefined) setIsPublic(answer.public);
          }}
        />
      )}
    </section>
  );
}

function CloseSession({ meeting, onClosed }: { meeting: Meeting; onClosed: (protocol: Protocol) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Refusal>(NO_REFUSAL);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const cancel = () => {
    setConfirming(false);
    window.setTimeout(() => openButton.current?.focus(), 0);
  };

  const close = async () => {
    setBusy(true);
    setFailure(NO_REFUSAL);
    try {
      onClosed(await api.post<Protocol>(`/api/v1/meetings/${encodeURIComponent(String(meeting.id))}/close`, {}));
    } catch (error) {
      setFailure(refusal(error));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="close-session-title" data-testid="close-session">
      <h2 id="close-session-title">
        {t('ui.protocol.close_title')} <RuleRef rule="MTG-7" />
      </h2>
      <p class="muted">{t('ui.protocol.close_hint')}</p>
      <ErrorList messages={failure.messages} rule={failure.rule} />
      {confirming ? (
        <div
          class="confirm-box"
          role="group"
          aria-labelledby="close-session-question"
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              cancel();
            }
          }}
        >
          <p id="close-session-question">{t('ui.protocol.close_question')}</p>
          <div class="form-actions">
            <button ref={confirmButton} type="button" class="button" disabled={busy} onClick={close} data-action="confirm-close-session">
              {busy ? t('ui.common.saving') : t('ui.protocol.close_session')}
            </button>
            <button type="button" class="button button-secondary" onClick={cancel}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button ref={openButton} type="button" class="button button-secondary" onClick={() => setConfirming(true)} data-action="close-session">
          {t('ui.protocol.close_session')}
        </button>
      )}
    </section>
  );
}

interface BodyProps {
  meeting: Meeting;
  protocol: Protocol;
  personId: Id | null;
  runsBody: boolean;
  confidential: boolean;
  isPublic: boolean;
  onProtocol: (protocol: Protocol) => void;
}

function ProtocolBody({ meeting, protocol, personId, runsBody, confidential, isPublic, onProtocol }: BodyProps) {
  const { locale } = useApp();
  const view = protocolView(protocol, personId);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Refusal>(NO_REFUSAL);
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/v1/meetings/${encodeURIComponent(String(meeting.id))}`;

  // The box shows the choice at once; a refusal puts it back.
  const [shownPublic, setShownPublic] = useState<boolean | null>(null);

  const send = async (run: () => Promise<Protocol>, success: string) => {
    setBusy(true);
    setFailure(NO_REFUSAL);
    setNotice(null);
    try {
      onProtocol(await run());
      setNotice(success);
    } catch (error) {
      setFailure(refusal(error));
    } finally {
      setBusy(false);
      setShownPublic(null);
    }
  };

  const final = protocol.status === 'final';
  return (
    <>
      <p class="protocol-status">
        {/* DISC-PEN-3: an extraordinary session's protocol is titled so, as on paper. */}
        <strong>{t(protocol.snapshot?.extraordinary === true ? 'protocol.title_extraordinary' : 'protocol.title', { number: protocol.number })}</strong>{' '}
        <span class={`badge badge-protocol-${protocol.status}`} data-testid="protocol-status">
          {t(final ? 'ui.protocol.status.final' : 'ui.protocol.status.draft')}
        </span>{' '}
        <span class="muted" data-testid="protocol-signed-count">
          {t('ui.protocol.signed_count', { signed: view.signed, total: view.total })}
        </span>
      </p>
      <ErrorList messages={failure.messages} rule={failure.rule} />
      {notice && <Alert kind="success">{notice}</Alert>}
      <h3 class="subheading">{t('ui.protocol.signers')}</h3>
      <ul class="plain-list protocol-signers" data-testid="protocol-signers">
        {protocol.signers.map((signer) => (
          <li key={String(signer.person_id)} data-person-id={String(signer.person_id)} data-signed={signer.signed_at ? 'true' : 'false'}>
            <strong>{signer.full_name}</strong>
            {' · '}
            <span class={signer.signed_at ? 'badge badge-attendance-present' : 'badge badge-attendance-unmarked'}>
              {signer.signed_at ? t('ui.protocol.signed_at', { at: formatDateTime(signer.signed_at, locale) }) : t('ui.protocol.not_signed')}
            </span>
          </li>
        ))}
      </ul>
      {view.canSign && (
        <div class="form-actions">
          <button
            type="button"
            class="button"
            disabled={busy}
            data-action="sign-protocol"
            onClick={() => send(() => api.post<Protocol>(`${base}/protocol/sign`, {}), t('ui.protocol.signed_notice'))}
          >
            {busy ? t('ui.common.saving') : t('ui.protocol.sign')}
          </button>
        </div>
      )}
      <h3 class="subheading">{t('ui.protocol.download')}</h3>
      <ul class="plain-list protocol-downloads" data-testid="protocol-downloads">
        {PROTOCOL_LANGS.map((lang) => (
          <li key={lang}>
            <a href={protocolPdfPath(meeting.id, lang)} download={`protocol-${String(meeting.id)}-${lang}.pdf`} data-lang={lang} hrefLang={lang}>
              {t('ui.protocol.pdf', { lang })}
            </a>
          </li>
        ))}
      </ul>
      {final && protocol.verification_code && (
        <dl class="protocol-proof" data-testid="protocol-proof">
          <dt>{t('ui.protocol.verification_code')}</dt>
          <dd>
            <Link href={verifyPagePath(protocol.verification_code)}>
              <code data-testid="verification-code">{protocol.verification_code}</code>
            </Link>
          </dd>
          <dt>{t('ui.protocol.hash')}</dt>
          <dd>
            <code class="hash" data-testid="document-hash" data-hash={protocol.document_hash}>
              {groupedHash(protocol.document_hash)}
            </code>
          </dd>
          {protocol.finalized_at && (
            <>
              <dt>{t('ui.protocol.finalized_at')}</dt>
              <dd>{formatDateTime(protocol.finalized_at, locale)}</dd>
            </>
          )}
        </dl>
      )}
      {final && runsBody && confidential && (
        <p class="muted" data-testid="protocol-confidential">
          {t('ui.protocol.confidential')}
        </p>
      )}
      {final && runsBody && !confidential && (
        <div data-testid="protocol-public">
          <CheckboxField
            label={t('ui.protocol.public')}
            name="protocol_public"
            hint={t('ui.protocol.public_hint')}
            checked={shownPublic ?? isPublic}
            onChecked={(on) => !busy && (setShownPublic(on), send(() => api.put<Protocol>(`${base}/protocol/public`, { public: on }), t(on ? 'ui.protocol.made_public' : 'ui.protocol.made_private')))}
          />
        </div>
      )}
    </>
  );
}
