// The booth of a verifiable election (issue 13), shared by the signed-in booth (VotePage) and
// voting with a code (CodeVotePage): choose on the same cards, then confirm by typing the voting
// code, which encrypts and signs the ballot in this browser (a Web Worker) and sends it with the
// roll token. "Your vote is cast" appears only after the server's 201: a study of Helios voters
// found some took "ballot encrypted" for "vote cast", so the two steps are named as they happen.
// The code lives only in this component's state while typed and is cleared once it was used.
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { copyText, type CopyOutcome } from '../../clipboard';
import { t } from '../../i18n';
import type { Id } from './elections';
import { BallotChoice, type BoothCandidate } from './booth';
import { answersMatch, beleniosPath, boardLink, boothIsVerifiable, boothRefusal, checkCode, choicesFor, rollToken, type BeleniosBooth, type BoothRefusal, type CastAnswer } from './booth-crypto';

export type BeleniosState = { state: 'loading' } | { state: 'ready'; booth: BeleniosBooth | null };

/**
 * The election's encrypted-ballot data, or null when it has none (not verifiable, or a server
 * without the route): then there is no online vote and the page sends the voter to a polling
 * station.
 */
export function useBelenios(institutionId: Id | null | undefined, id: Id, deps: unknown[] = []): BeleniosState {
  const [loaded, setLoaded] = useState<BeleniosState>({ state: 'loading' });
  useEffect(() => {
    if (institutionId == null) {
      setLoaded({ state: 'ready', booth: null });
      return;
    }
    const controller = new AbortController();
    api
      .get<BeleniosBooth>(beleniosPath(institutionId, id), { signal: controller.signal })
      .then((booth) => setLoaded({ state: 'ready', booth: booth?.verifiable ? booth : null }))
      .catch((error) => !isAbort(error) && setLoaded({ state: 'ready', booth: null }));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [institutionId, id, ...deps]);
  return loaded;
}

/**
 * The online part of a booth page (signed in or by code), by the page's state: the booth while
 * voting is open in an election that takes encrypted ballots; a notice when the election never
 * opens online (no key, or no codes yet), said before the day too; otherwise nothing.
 */
export function OnlineVoting({ state, booth, candidates, castPath, onCast, alreadyVoted }: {
  state: string;
  booth: BeleniosBooth | null;
  candidates: BoothCandidate[];
  castPath: string;
  onCast: (receipt: TrackerReceiptData) => void;
  alreadyVoted?: boolean;
}) {
  if ((state === 'open' && !boothIsVerifiable(booth)) || (state === 'not_open' && !booth)) {
    return (
      <div data-testid="online-closed">
        <Alert kind="info">{t('ui.vote.online_not_open')}</Alert>
      </div>
    );
  }
  if (state !== 'open' || !boothIsVerifiable(booth)) return null;
  if (!answersMatch(booth.answers, candidates.map((c) => c.candidate_id))) return <Alert>{t('ui.booth.ballot_mismatch')}</Alert>;
  return <VerifiableBooth booth={booth} candidates={candidates} castPath={castPath} onCast={onCast} alreadyVoted={alreadyVoted} />;
}

type Step = 'choose' | 'confirm' | 'encrypting' | 'sending';

export interface TrackerReceiptData {
  tracker: string;
  replaced: boolean;
  /** The tracker this browser computed from the ballot it sent; the server's must be the same. */
  matches: boolean;
  revote: boolean;
}

/** Choose, type the code, encrypt, send; `onCast` gets the receipt after the server's 201 (the page then shows TrackerReceipt). */
export function VerifiableBooth({ booth, candidates, castPath, onCast, alreadyVoted = false }: {
  booth: BeleniosBooth & { election: string };
  candidates: BoothCandidate[];
  castPath: string;
  onCast: (receipt: TrackerReceiptData) => void;
  /** The voter's earlier online ballot exists and revoting is allowed: a new one replaces it. */
  alreadyVoted?: boolean;
}) {
  const [step, setStep] = useState<Step>('choose');
  const [chosen, setChosen] = useState<number | null>(null);
  const [chooseError, setChooseError] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [refusal, setRefusal] = useState<BoothRefusal | null>(null);

  const cast = async () => {
    if (chosen == null) return;
    setRefusal(null);
    setCodeError(undefined);
    const checked = await checkCode(code);
    if (!checked.ok) {
      // A typo: nothing was sent, so the voter corrects what they typed.
      setCodeError(checked.message);
      return;
    }
    setStep('encrypting');
    let body: { roll_token: string; ballot: string };
    let localTracker: string;
    try {
      const { encryptBallot } = await import('../../verifiable/client');
      const [roll, encrypted] = await Promise.all([rollToken(checked.code), encryptBallot(booth.election, checked.code, choicesFor(booth.answers, chosen))]);
      body = { roll_token: roll, ballot: encrypted.ballot };
      localTracker = encrypted.tracker;
    } catch {
      setCode('');
      setRefusal({ field: null, messages: [t('ui.booth.encrypt_failed'), t('ui.booth.try_again')], rule: null });
      setStep('confirm');
      return;
    }
    setStep('sending');
    try {
      const answer = await api.post<CastAnswer>(castPath, body);
      setCode('');
      onCast({ tracker: answer.tracker, replaced: answer.replaced, matches: answer.tracker.replace(/=+$/, '') === localTracker.replace(/=+$/, ''), revote: booth.revote });
    } catch (error) {
      setCode('');
      const r = boothRefusal(error);
      if (r.field === 'code') setCodeError(r.messages[0]);
      else setRefusal(r);
      setStep('confirm');
    }
  };

  const name = candidates.find((c) => c.candidate_id === chosen)?.name ?? '';
  const working = step === 'encrypting' || step === 'sending';
  return (
    <div data-testid="verifiable-booth" data-step={step}>
      {alreadyVoted && <Alert kind="info">{t('ui.booth.already_voted_revote')}</Alert>}
      {step === 'choose' && (
        <>
          <p>{t('ui.booth.intro')}</p>
          <BallotChoice
            candidates={candidates}
            chosen={chosen}
            onChoose={(id) => {
              setChosen(id);
              setChooseError(undefined);
            }}
            error={chooseError}
            onNext={() => (chosen == null ? setChooseError(t('ui.vote.choose_first')) : setStep('confirm'))}
          />
        </>
      )}
      {step !== 'choose' && chosen != null && (
        <form
          class="card confirm-vote form"
          noValidate
          data-testid="confirm-vote"
          onSubmit={(event) => {
            event.preventDefault();
            if (!working) void cast();
          }}
        >
          <p class="confirm-text">{t('ui.booth.confirm', { name })}</p>
          <p>{t(booth.revote ? 'ui.booth.confirm_revote' : 'ui.booth.confirm_final')}</p>
          <TextField
            label={t('ui.booth.code')}
            name="voting_code"
            value={code}
            onValue={(value) => {
              setCode(value);
              setCodeError(undefined);
            }}
            hint={t('ui.booth.code_hint')}
            error={codeError}
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellcheck={false}
            disabled={working}
            // The next thing to do is typing the code: focus it (a phone opens its keyboard).
            autoFocus
            required
          />
          {refusal && <ErrorList messages={refusal.messages} rule={refusal.rule} />}
          <p class="booth-progress" role="status" data-testid="cast-progress" data-progress={working ? step : ''}>
            {working && <span class="spinner" aria-hidden="true" />}
            {step === 'encrypting' ? t('ui.booth.encrypting') : step === 'sending' ? t('ui.booth.sending') : ''}
          </p>
          <div class="form-actions">
            <button type="submit" class="button button-large" data-testid="vote-confirm" disabled={working}>
              {t('ui.booth.cast_button')}
            </button>
            <button
              type="button"
              class="button button-secondary button-large"
              data-testid="vote-back"
              disabled={working}
              onClick={() => {
                setCode('');
                setCodeError(undefined);
                setRefusal(null);
                setStep('choose');
              }}
            >
              {t('ui.vote.back')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** After the 201: the tracker and what it does and does not show, in plain words (the whole page). */
export function TrackerReceipt({ receipt, institutionId, electionId }: { receipt: TrackerReceiptData; institutionId: Id; electionId: Id }) {
  const [copied, setCopied] = useState<CopyOutcome | null>(null);
  return (
    <div class="booth" data-testid="booth" data-state="receipt" data-verifiable="true" data-replaced={String(receipt.replaced)}>
      <PageHeader title={t('ui.booth.cast_title')} />
      {receipt.replaced && <Alert kind="info">{t('ui.booth.replaced')}</Alert>}
      <p>{t('ui.booth.tracker_intro')}</p>
      <p class="receipt-code tracker-code" data-testid="tracker">
        {receipt.tracker}
      </p>
      <div class="receipt-copy">
        <button type="button" class="button button-secondary" data-testid="copy-tracker" onClick={async () => setCopied(await copyText(receipt.tracker))}>
          {t('ui.booth.copy_tracker')}
        </button>
        {/* Present before the click, so screen readers announce the change (a new live region is not read). */}
        <p class="receipt-copy-status" role="status" aria-live="polite" data-testid="copy-status" data-outcome={copied ?? ''}>
          {copied === 'copied' ? t('ui.booth.tracker_copied') : copied === 'failed' ? t('ui.booth.copy_failed') : ''}
        </p>
      </div>
      {!receipt.matches && <Alert kind="warning">{t('ui.booth.tracker_mismatch')}</Alert>}
      <p>{t('ui.booth.tracker_what')}</p>
      <p>{t('ui.booth.tracker_secret')}</p>
      <p>{t('ui.booth.tracker_check')}</p>
      <p>
        <Link href={boardLink(institutionId, electionId, receipt.tracker)} class="button button-secondary button-large" data-testid="board-link">
          {t('ui.booth.board_link')}
        </Link>
      </p>
      {receipt.revote && <p>{t('ui.booth.tracker_revote')}</p>}
    </div>
  );
}
