// The public bulletin board of a verifiable election (issue 13) on the public election page:
// every ballot's tracker (a voter finds theirs; the booth links here with ?tracker=), the
// election's fingerprint, after the close the encrypted tally and the trustees' decryptions,
// the result, and "verify in this browser": the archive is downloaded and every proof is
// recomputed in a Web Worker, without trusting the server. Hidden for plain elections.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, NETWORK_ERROR_STATUS } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Pager } from '../../components/Pager';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { t } from '../../i18n';
import { useResource, type Loaded } from '../bodies/bodies-api';
import {
  archiveFileName,
  archivePath,
  beleniosInfoPath,
  boardPath,
  filterTrackers,
  isOnBoard,
  offsetOf,
  resultRows,
  summarizeReport,
  trackerFromSearch,
  TRACKERS_PER_PAGE,
  VERIFY_COMMAND,
  verifyMinutes,
  type BeleniosInfo,
  type CheckState,
  type PublicBoard,
  type ReportSummary,
} from './board';
import { Bars } from './parts';

interface BoardSectionProps {
  institutionId: string;
  id: string;
  /** the page's query string: `?tracker=` highlights the voter's ballot */
  search: string;
  nameOf: (candidateId: number) => string;
  /** the election's Belenios data (useBeleniosInfo), loaded by the page, which also needs to know whether it is verifiable */
  info: Loaded<BeleniosInfo>;
}

/** Whether the election is verifiable, once known (the page hides the plaintext receipts then). */
export function useBeleniosInfo(institutionId: string, id: string): Loaded<BeleniosInfo> {
  const { locale } = useApp();
  const [info] = useResource<BeleniosInfo>(beleniosInfoPath(institutionId, id), [locale]);
  return info;
}

export function BoardSection({ institutionId, id, search, nameOf, info }: BoardSectionProps) {
  const { locale } = useApp();
  const verifiable = info.state === 'ready' && info.data.verifiable;
  const [board] = useResource<PublicBoard>(verifiable ? boardPath(institutionId, id) : null, [locale]);
  if (!verifiable) return null;
  const b = info.data;
  return (
    <section class="section card board" id="board" data-testid="board">
      <h2>{t('ui.board.title')}</h2>
      <p class="muted">{t('ui.board.intro')}</p>
      {board.state === 'failed' && <Alert>{board.message}</Alert>}
      {board.state === 'ready' && (
        <>
          <BoardFacts board={board.data} />
          {board.data.result && (
            <>
              <h3>{t('ui.board.result')}</h3>
              <Bars testid="board-result" rows={resultRows(board.data.result, b.election, b.answers, nameOf, t('ui.board.blank'))} />
            </>
          )}
          <Trackers trackers={board.data.trackers} highlight={trackerFromSearch(search)} />
          <Verify institutionId={institutionId} id={id} listed={board.data.trackers} boardDecryptions={board.data.decryptions} />
          <h3>{t('ui.board.tool_title')}</h3>
          <p>{t('ui.board.tool_text')}</p>
          <p>
            <a class="button button-secondary" href={archivePath(institutionId, id)} download={archiveFileName(b.election, id)} data-testid="board-archive">
              {t('ui.board.download_archive')}
            </a>
          </p>
          <pre class="board-command">
            <code>{VERIFY_COMMAND}</code>
          </pre>
        </>
      )}
    </section>
  );
}

function BoardFacts({ board }: { board: PublicBoard }) {
  return (
    <dl class="facts board-facts">
      <div>
        <dt>{t('ui.board.fingerprint')}</dt>
        <dd>
          <code class="hash" data-testid="board-fingerprint">
            {board.fingerprint ?? '—'}
          </code>
        </dd>
      </div>
      <div>
        <dt>{t('ui.board.ballots')}</dt>
        <dd data-testid="board-count">{board.trackers.length}</dd>
      </div>
      <div>
        <dt>{t('ui.board.tally')}</dt>
        <dd data-testid="board-tally" data-ready={String(board.encrypted_tally !== null)}>
          {board.encrypted_tally !== null ? t('ui.board.tally_ready') : board.closed ? t('ui.board.tally_pending') : t('ui.board.voting_open')}
        </dd>
      </div>
      {board.encrypted_tally !== null && (
        <div>
          <dt>{t('ui.board.decryptions')}</dt>
          <dd data-testid="board-decryptions">{board.decryptions}</dd>
        </div>
      )}
    </dl>
  );
}

/** The trackers, 50 a page, with a search; the voter's own (from the booth's link) is highlighted. */
function Trackers({ trackers, highlight }: { trackers: string[]; highlight: string | null }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterTrackers(trackers, query), [trackers, query]);
  // Opens on the page holding the voter's tracker, so it is on screen.
  const [offset, setOffset] = useState(() => offsetOf(trackers, highlight));
  const found = highlight ? isOnBoard(trackers, highlight) : null;
  const page = shown.slice(offset, offset + TRACKERS_PER_PAGE);
  // The booth links here with #board; the section appears after the page loaded, too late for the browser's own jump.
  useEffect(() => {
    if (highlight) document.getElementById('board')?.scrollIntoView();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <>
      <h3>{t('ui.board.trackers')}</h3>
      {found !== null && (
        <div data-testid="board-mine" data-found={String(found)}>
          {found ? <Alert kind="success">{t('ui.board.mine_found')}</Alert> : <Alert kind="warning">{t('ui.board.mine_not_found')}</Alert>}
        </div>
      )}
      <TextField
        label={t('ui.board.search')}
        name="tracker"
        value={query}
        autoComplete="off"
        hint={t('ui.board.search_hint')}
        onValue={(value) => {
          setQuery(value);
          setOffset(0);
        }}
      />
      {query.trim() !== '' && shown.length === 0 && <p data-testid="board-search-none">{t('ui.board.search_none')}</p>}
      <ol class="plain-list board-trackers" data-testid="board-trackers">
        {page.map((tracker) => (
          <li key={tracker} class={tracker === highlight ? 'board-tracker-mine' : undefined} aria-current={tracker === highlight ? 'true' : undefined}>
            <code class="hash">{tracker}</code>
          </li>
        ))}
      </ol>
      {shown.length > TRACKERS_PER_PAGE && <Pager total={shown.length} limit={TRACKERS_PER_PAGE} offset={offset} shown={page.length} onOffset={setOffset} />}
    </>
  );
}

type VerifyState =
  | { phase: 'idle' }
  | { phase: 'download' | 'read' }
  | { phase: 'check'; done: number; total: number }
  | { phase: 'done'; summary: ReportSummary; errors: string[] }
  | { phase: 'failed'; message: string; detail?: string };

/** Downloads the archive and recomputes everything in a worker (verifiable/tally.ts verifyBoard). */
function Verify({ institutionId, id, listed, boardDecryptions }: { institutionId: string; id: string; listed: string[]; boardDecryptions: number }) {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const busy = state.phase === 'download' || state.phase === 'read' || state.phase === 'check';
  const run = async () => {
    setState({ phase: 'download' });
    let bytes: Uint8Array;
    try {
      // fetch rather than api.get: the archive is bytes (a tar), not JSON
      const response = await fetch(archivePath(institutionId, id), { credentials: 'same-origin' });
      if (!response.ok) throw new ApiError({ status: response.status });
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      return setState({ phase: 'failed', message: problemMessage(error instanceof ApiError ? error : new ApiError({ status: NETWORK_ERROR_STATUS, code: 'network' })) });
    }
    try {
      setState({ phase: 'read' });
      const { boardFromArchive } = await import('../../verifiable/archive');
      const archived = await boardFromArchive(bytes);
      setState({ phase: 'check', done: 0, total: archived.ballots.length });
      const { verifyBoardInWorker } = await import('../../verifiable/client');
      const report = await verifyBoardInWorker(archived, (done, total) => setState({ phase: 'check', done, total }));
      const present = { ballots: archived.ballots.length, tally: archived.encryptedTally !== undefined, decryptions: archived.partialDecryptions?.length ?? 0, result: archived.result !== undefined };
      setState({ phase: 'done', summary: summarizeReport(report, present, listed), errors: report.errors });
    } catch (error) {
      // a broken archive (a file whose name is not its hash, a broken chain of events) or a worker that failed
      setState({ phase: 'failed', message: t('ui.board.verify_broken'), detail: (error as Error)?.message });
    }
  };
  return (
    <div class="board-verify" data-testid="board-verify" data-phase={state.phase}>
      <h3>{t('ui.board.verify_title')}</h3>
      <p>{t('ui.board.verify_text')}</p>
      {listed.length > 500 && <p class="muted">{t('ui.board.verify_long', { minutes: verifyMinutes(listed.length) })}</p>}
      <button type="button" class="button button-large" data-testid="board-verify-start" disabled={busy} onClick={run}>
        {busy ? t('ui.board.verifying') : t('ui.board.verify')}
      </button>
      {busy && (
        <div class="progress-block" data-testid="board-verify-progress">
          <span aria-live="polite" id="board-verify-status">
            {state.phase === 'check' ? t('ui.board.verify_progress', { done: state.done, total: state.total }) : t(state.phase === 'download' ? 'ui.board.verify_download' : 'ui.board.verify_read')}
          </span>
          {state.phase === 'check' ? <progress aria-labelledby="board-verify-status" max={Math.max(1, state.total)} value={state.done} /> : <progress aria-labelledby="board-verify-status" />}
        </div>
      )}
      {state.phase === 'failed' && (
        <Alert>
          <p>{state.message}</p>
          {state.detail && <p class="muted">{state.detail}</p>}
        </Alert>
      )}
      {state.phase === 'done' && <Report summary={state.summary} errors={state.errors} boardDecryptions={boardDecryptions} />}
    </div>
  );
}

const mark = (s: CheckState) => (s === 'ok' ? '✓' : s === 'failed' ? '✗' : '–');

/** The report in plain words: what was checked and what it showed. */
function Report({ summary: s, errors, boardDecryptions }: { summary: ReportSummary; errors: string[]; boardDecryptions: number }) {
  // Until the result is published the public archive holds no decryption (with them anyone could
  // combine the result early), while the board already counts them: said so, not "none yet".
  const decryptionsText = s.decryptions === 'absent' && boardDecryptions > 0 ? t('ui.board.check_decryptions_withheld', { count: boardDecryptions }) : t(`ui.board.check_decryptions_${s.decryptions}`);
  const items: { key: string; state: CheckState; text: string }[] = [
    {
      key: 'ballots',
      state: s.ballots.state,
      text: s.ballots.state === 'ok' ? t('ui.board.check_ballots_ok', { count: s.ballots.total }) : t('ui.board.check_ballots_failed', { failed: s.ballots.failed, count: s.ballots.total }),
    },
    { key: 'trustees', state: s.trustees, text: t(`ui.board.check_trustees_${s.trustees}`) },
    { key: 'tally', state: s.tally, text: t(`ui.board.check_tally_${s.tally}`) },
    { key: 'decryptions', state: s.decryptions, text: decryptionsText },
    { key: 'result', state: s.result, text: t(`ui.board.check_result_${s.result}`) },
  ];
  if (s.missing > 0) items.push({ key: 'missing', state: 'failed', text: t('ui.board.check_missing', { count: s.missing }) });
  return (
    <div data-testid="board-report" data-ok={String(s.ok)}>
      {s.ok ? <Alert kind="success">{t('ui.board.report_ok')}</Alert> : <Alert>{t('ui.board.report_failed')}</Alert>}
      <ul class="plain-list board-checks">
        {items.map((item) => (
          <li key={item.key} data-check={item.key} data-state={item.state}>
            <span aria-hidden="true">{mark(item.state)} </span>
            {item.text}
          </li>
        ))}
      </ul>
      {errors.length > 0 && (
        <details>
          <summary>{t('ui.board.report_details')}</summary>
          <ul class="board-errors">
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
