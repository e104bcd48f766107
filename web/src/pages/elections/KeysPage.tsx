// /elections/:id/keys: the trustees' key ceremony (Belenios 3.1.1). Each member of the election
// commission makes their key share in this browser, one button per step; the secret (Belenios'
// `.key` text) never leaves the browser: it is downloaded as a file and kept in the browser's
// storage sealed with a passphrase. The page polls the ceremony's status and moves on by itself
// as the other trustees finish. The cryptography runs in a Web Worker loaded on demand.
// After the close each trustee decrypts their share of the encrypted tally here, with the same
// key (DecryptionStep): the partial decryption goes to the server, the key stays in the browser.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, saveBlob } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { electionPath, type Election } from './elections';
import { useAction } from './parts';
import { decryptCall, decryptionProgress, keyFileName, POLL_MS, shouldPoll, shortFingerprint, stepOf, type KeyCeremony, type TrusteeTally } from './keys';

const storageName = (electionId: string) => `election-${electionId}`;
const publicName = (electionId: string) => `kenes-trustee-public:${electionId}`;

async function sha256b64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return btoa(String.fromCharCode(...digest)).replace(/=+$/, '');
}

function download(name: string, text: string) {
  saveBlob(new Blob([text + '\n'], { type: 'application/octet-stream' }), name);
}

export function KeysPage({ params }: RouteProps) {
  const { locale } = useApp();
  const id = params.id;
  const path = electionPath(id, 'trustees');
  const [election] = useResource<Election>(electionPath(id), [locale]);
  const [status, reload, replace] = useResource<KeyCeremony>(path, [locale]);
  const [secret, setSecret] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [file, setFile] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fingerprintOk, setFingerprintOk] = useState<boolean | null>(null);
  const [confirmRestart, setConfirmRestart] = useState(false);
  // Where the decryption is: the tally is loading, the worker computes, the share is being sent.
  const [decryptPhase, setDecryptPhase] = useState<'tally' | 'compute' | 'send' | null>(null);
  const action = useAction(['passphrase', 'cert', 'public_key', 'polynomial', 'voutput', 'commission_body_id']);

  const data = status.state === 'ready' ? status.data : null;
  // Polls while others have work to do: the ceremony, then the decryptions the count needs.
  useEffect(() => {
    if (!data || !shouldPoll(data)) return;
    const timer = setTimeout(() => void reload(), POLL_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);
  useEffect(() => {
    if (!data?.trustees_json || !data.fingerprint) return;
    void sha256b64(data.trustees_json).then((fp) => setFingerprintOk(fp === data.fingerprint));
  }, [data?.trustees_json, data?.fingerprint]);

  if (status.state === 'loading') return <Loading />;
  const back = (
    <p class="breadcrumb">
      <Link href={`/elections/${encodeURIComponent(id)}`}>{election.state === 'ready' ? election.data.title : t('ui.election.back')}</Link>
    </p>
  );
  if (status.state === 'failed')
    return (
      <>
        {back}
        <PageHeader title={t('ui.keys.title')} />
        <Alert>{status.message}</Alert>
      </>
    );
  const c = status.data;
  const step = stepOf(c);
  const single = c.kind === 'single';

  // The secret from memory, the uploaded file or the sealed copy in this browser.
  const unlock = async (): Promise<string> => {
    if (secret) return secret;
    if (file) {
      setSecret(file);
      return file;
    }
    const { loadSealedKey, openText } = await import('../../verifiable/trustee');
    const sealed = loadSealedKey(storageName(id));
    if (!sealed) throw new FieldError('passphrase', t('ui.keys.no_sealed_copy'));
    let text: string;
    try {
      text = await openText(sealed, passphrase);
    } catch {
      throw new FieldError('passphrase', t('ui.keys.wrong_passphrase'));
    }
    setSecret(text);
    return text;
  };

  const run = async (work: () => Promise<void>) => {
    setDecryptPhase(null);
    let problem: FieldError | null = null;
    await action.run(async () => {
      try {
        await work();
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        problem = error;
      }
    });
    const p = problem as FieldError | null;
    if (p) action.fail(p.field, p.message);
  };

  const makeKey = () =>
    run(async () => {
      if (passphrase.length < 8) throw new FieldError('passphrase', t('ui.keys.passphrase_short'));
      if (passphrase !== repeat) throw new FieldError('repeat', t('ui.keys.passphrase_mismatch'));
      const client = await import('../../verifiable/client');
      const { sealText, storeSealedKey } = await import('../../verifiable/trustee');
      let text: string, published: string;
      if (single) {
        const k = await client.generateTrusteeKeyInWorker();
        [text, published] = [k.privateKey, k.publicKey];
      } else {
        const k = await client.generateCertificateInWorker();
        [text, published] = [k.seed, k.cert];
      }
      // Saved twice before anything is sent: a file, and a sealed copy in this browser.
      download(keyFileName(id, c.my_number ?? 0), text);
      storeSealedKey(storageName(id), await sealText(text, passphrase));
      localStorage.setItem(publicName(id), published);
      setSecret(text);
      const body = single ? { public_key: JSON.parse(published) } : { cert: JSON.parse(published) };
      replace(await api.post<KeyCeremony>(`${path}/${single ? 'public-key' : 'cert'}`, body));
    });

  const certs = () => (c.certs ?? []).map((x) => JSON.stringify(x));
  const makePolynomial = () =>
    run(async () => {
      const seed = await unlock();
      const { makePolynomialInWorker } = await import('../../verifiable/client');
      const polynomial = await makePolynomialInWorker(seed, certs(), c.threshold ?? 0);
      replace(await api.post<KeyCeremony>(`${path}/polynomial`, { polynomial: JSON.parse(polynomial) }));
    });
  const makeVoutput = () =>
    run(async () => {
      const seed = await unlock();
      const { vinput } = await api.get<{ number: number; vinput: unknown }>(`${path}/vinput`);
      const { makeVoutputInWorker } = await import('../../verifiable/client');
      const voutput = await makeVoutputInWorker(seed, certs(), JSON.stringify(vinput));
      replace(await api.post<KeyCeremony>(`${path}/voutput`, { voutput: JSON.parse(voutput) }));
    });
  // The trustee's partial decryption of the tally (spec 4.18), with the key of the ceremony.
  const decrypt = () =>
    run(async () => {
      try {
        setDecryptPhase('tally');
        const tally = await api.get<TrusteeTally>(`${path}/tally`);
        if (tally.decrypted) return void (await reload());
        const key = await unlock();
        setDecryptPhase('compute');
        const client = await import('../../verifiable/client');
        const call = decryptCall(tally, key);
        let share;
        try {
          share = call.fn === 'decryptShareInWorker' ? await client.decryptShareInWorker(...call.args) : await client.decryptShareThresholdInWorker(...call.args);
        } catch {
          // a key of another election or trustee does not open the decryption key, or is not a key at all
          setSecret(null);
          throw new FieldError('decrypt', t('ui.keys.decrypt_wrong_key'));
        }
        setDecryptPhase('send');
        replace(await api.post<KeyCeremony>(`${path}/decryption`, { partial_decryption: share.partialDecryption }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'election.trustees.already_sent') return void (await reload());
        if (error instanceof ApiError && error.fieldErrors.some((f) => f.field === 'partial_decryption')) {
          // the proofs fail: this key is not the one the board holds for this trustee
          setSecret(null);
          throw new FieldError('decrypt', t('ui.keys.decrypt_wrong_key'));
        }
        throw error;
      } finally {
        setDecryptPhase(null);
      }
    });
  // Starting again (a member lost their key, or the commission changed before the ceremony
  // completed) discards every member's steps; this page's copy of the old key is useless then.
  const start = () =>
    run(async () => {
      setSecret(null);
      setConfirmRestart(false);
      replace(await api.post<KeyCeremony>(`${path}/start`, {}));
    });

  const unlockFields = !secret && (
    <>
      <TextField label={t('ui.keys.passphrase')} name="passphrase" type="password" autoComplete="off" value={passphrase} onValue={setPassphrase} error={action.errors.fields.passphrase} hint={t('ui.keys.unlock_hint')} />
      <div class="field">
        <span class="field-label" id="key-file-label">
          {t('ui.keys.key_file')}
        </span>
        {/* The native control's own text follows the browser's language, not the page's: it is
            hidden visually (still focusable) behind a button-like label in the UI language. */}
        <div class="file-picker">
          <input
            id="key-file"
            class="file-input"
            type="file"
            name="key_file"
            accept=".key,text/plain"
            data-testid="key-file"
            aria-labelledby="key-file-label key-file-button key-file-name"
            onChange={async (e) => {
              const f = (e.currentTarget as HTMLInputElement).files?.[0];
              setFileName(f?.name ?? null);
              setFile(f ? (await f.text()).trim() : null);
            }}
          />
          <label for="key-file" id="key-file-button" class="button button-secondary">
            {t('ui.keys.key_file_choose')}
          </label>
          <span id="key-file-name" class="file-name">
            {fileName ? t('ui.keys.key_file_chosen', { name: fileName }) : t('ui.keys.key_file_none')}
          </span>
        </div>
      </div>
    </>
  );

  const mine = c.trustees.find((x) => x.number === c.my_number);
  const myPublic = typeof localStorage !== 'undefined' ? localStorage.getItem(publicName(id)) : null;
  const inList = (() => {
    if (!c.trustees_json || !myPublic || !c.my_number) return null;
    try {
      const [[kind, params]] = JSON.parse(c.trustees_json) as [[string, { certs?: { message: string }[]; public_key?: string }]];
      const mineParsed = JSON.parse(myPublic) as { message?: string; public_key?: string };
      if (kind === 'Single') return params.public_key === mineParsed.public_key;
      return params.certs?.[c.my_number - 1]?.message === mineParsed.message;
    } catch {
      return false;
    }
  })();

  return (
    <div class="keys-page" data-testid="keys-page" data-state={c.state}>
      {back}
      <PageHeader title={t('ui.keys.title')} subtitle={election.state === 'ready' ? election.data.title : undefined} />
      <p class="muted">{t('ui.keys.intro')}</p>
      {c.state !== 'not_started' && (
        <p data-testid="threshold">{single ? t('ui.keys.single') : t('ui.keys.threshold', { threshold: c.threshold ?? 0, n: c.trustees.length })}</p>
      )}
      {action.alert}
      {c.state === 'not_started' && (
        <section class="card">
          <p>{t('ui.keys.not_started')}</p>
          <button type="button" class="button" data-testid="start-ceremony" disabled={action.busy} onClick={start}>
            {t('ui.keys.start')}
          </button>
        </section>
      )}
      {c.trustees.length > 0 && (
        <ol class="plain-list keys-trustees" data-testid="trustees">
          {c.trustees.map((x) => (
            <li key={x.number} data-number={x.number} class="card">
              <strong>
                {x.number}. {x.full_name}
              </strong>
              {x.number === c.my_number ? ` · ${t('ui.keys.you')}` : ''}
              <div class="keys-steps">
                <span data-done={String(x.cert)}>{(x.cert ? '✓ ' : '○ ') + t(single ? 'ui.keys.step_public_key' : 'ui.keys.step_cert')}</span>
                {!single && <span data-done={String(x.polynomial)}>{(x.polynomial ? '✓ ' : '○ ') + t('ui.keys.step_polynomial')}</span>}
                {!single && <span data-done={String(x.voutput)}>{(x.voutput ? '✓ ' : '○ ') + t('ui.keys.step_voutput')}</span>}
                {c.tally_ready && (
                  <span data-done={String(!!x.decryption)} data-testid="trustee-decryption">
                    {(x.decryption ? '✓ ' : '○ ') + t('ui.keys.step_decryption')}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {c.state !== 'not_started' && c.state !== 'complete' && c.my_number === null && <p class="muted">{t('ui.keys.not_trustee')}</p>}
      {mine && step === 'make_key' && (
        <section class="card" data-testid="step-key">
          <h2>{t('ui.keys.step1_title')}</h2>
          <p>{t('ui.keys.step1_text')}</p>
          <TextField label={t('ui.keys.new_passphrase')} name="passphrase" type="password" autoComplete="new-password" value={passphrase} onValue={setPassphrase} error={action.errors.fields.passphrase} hint={t('ui.keys.passphrase_hint')} />
          <TextField label={t('ui.keys.repeat_passphrase')} name="repeat" type="password" autoComplete="new-password" value={repeat} onValue={setRepeat} error={action.errors.fields.repeat} />
          <button type="button" class="button button-large" data-testid="make-key" disabled={action.busy} onClick={makeKey}>
            {action.busy ? t('ui.keys.working') : t('ui.keys.make_key')}
          </button>
        </section>
      )}
      {mine && step === 'polynomial' && (
        <section class="card" data-testid="step-polynomial">
          <h2>{t('ui.keys.step2_title')}</h2>
          <p>{t('ui.keys.step2_text')}</p>
          {unlockFields}
          <button type="button" class="button button-large" data-testid="make-polynomial" disabled={action.busy} onClick={makePolynomial}>
            {action.busy ? t('ui.keys.working') : t('ui.keys.make_polynomial')}
          </button>
        </section>
      )}
      {mine && step === 'voutput' && (
        <section class="card" data-testid="step-voutput">
          <h2>{t('ui.keys.step3_title')}</h2>
          <p>{t('ui.keys.step3_text')}</p>
          {unlockFields}
          <button type="button" class="button button-large" data-testid="make-voutput" disabled={action.busy} onClick={makeVoutput}>
            {action.busy ? t('ui.keys.working') : t('ui.keys.make_voutput')}
          </button>
        </section>
      )}
      {mine && step === 'wait' && (
        <p class="card" data-testid="waiting" aria-live="polite">
          {t('ui.keys.waiting')}
        </p>
      )}
      {c.state !== 'not_started' && c.state !== 'complete' && (
        <section class="card" data-testid="restart">
          <p class="muted">{t('ui.keys.restart_text')}</p>
          {confirmRestart ? (
            <button type="button" class="button button-danger" data-testid="restart-confirm" disabled={action.busy} onClick={start}>
              {t('ui.keys.restart_confirm')}
            </button>
          ) : (
            <button type="button" class="button button-secondary" data-testid="restart-ceremony" onClick={() => setConfirmRestart(true)}>
              {t('ui.keys.restart')}
            </button>
          )}
        </section>
      )}
      {mine && step === 'decrypt' && (
        <section class="card" data-testid="step-decrypt">
          <h2>{t('ui.keys.decrypt_title')}</h2>
          <p>{t('ui.keys.decrypt_text')}</p>
          {unlockFields}
          {action.errors.fields.decrypt && <Alert>{action.errors.fields.decrypt}</Alert>}
          {decryptPhase && (
            <div class="progress-block" data-testid="decrypt-progress" data-phase={decryptPhase}>
              <span aria-live="polite" id="decrypt-status">
                {t(`ui.keys.decrypt_phase_${decryptPhase}`)}
              </span>
              <progress aria-labelledby="decrypt-status" />
            </div>
          )}
          <button type="button" class="button button-large" data-testid="decrypt" disabled={action.busy} onClick={decrypt}>
            {action.busy ? t('ui.keys.working') : t('ui.keys.decrypt')}
          </button>
        </section>
      )}
      {mine && step === 'decrypted' && (
        <p class="card" data-testid="decrypted" aria-live="polite">
          ✓ {t('ui.keys.decrypted')}
        </p>
      )}
      {c.state === 'complete' && c.tally_ready && <DecryptionsPanel c={c} />}
      {c.state === 'complete' && c.fingerprint && (
        <section class="card" data-testid="complete">
          <h2>{t('ui.keys.complete_title')}</h2>
          <p>{t('ui.keys.complete_text')}</p>
          <p>
            {t('ui.keys.fingerprint')}: <code data-testid="fingerprint" title={c.fingerprint}>{shortFingerprint(c.fingerprint)}</code>
            {fingerprintOk === false && <Alert>{t('ui.keys.fingerprint_mismatch')}</Alert>}
          </p>
          {inList !== null && (
            <p data-testid="in-list" data-ok={String(inList)}>
              {inList ? `✓ ${t('ui.keys.in_list')}` : t('ui.keys.not_in_list')}
            </p>
          )}
        </section>
      )}
    </div>
  );
}

/** "2 of 3 decryptions received (2 needed)", and why one absent trustee does not block the count. */
function DecryptionsPanel({ c }: { c: KeyCeremony }) {
  const p = decryptionProgress(c);
  return (
    <section class="card" data-testid="decryptions" data-have={p.have} data-need={p.need} data-enough={String(p.enough)}>
      <h2>{t('ui.keys.decryptions_title')}</h2>
      <div class="progress-block">
        <span aria-live="polite" data-testid="decryptions-count" id="decryptions-count">
          {t('ui.keys.decryptions_count', { have: p.have, of: p.of, need: p.need })}
        </span>
        <progress aria-labelledby="decryptions-count" max={Math.max(1, p.need)} value={Math.min(p.have, p.need)} />
      </div>
      <p>{p.enough ? t('ui.keys.decryptions_enough') : c.kind === 'pedersen' && p.need < p.of ? t('ui.keys.decryptions_absent_ok', { need: p.need, of: p.of }) : t('ui.keys.decryptions_all_needed')}</p>
    </section>
  );
}

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
