import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { copyText } from '../../clipboard';
import { Alert } from '../../components/Alert';
import { problemMessage } from '../../errors';
import { t } from '../../i18n';

interface Feed {
  active: boolean;
  created_at: string | null;
  url?: string;
}

/**
 * The secret address of the person's calendar feed: calendar apps subscribe to it without a
 * cookie and keep it up to date. The address is shown once, when it is made; a new one replaces
 * the old, and revoking it stops every subscription.
 */
export function CalendarFeed() {
  const [feed, setFeed] = useState<Feed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    api.get<Feed>('/api/v1/me/calendar-feed', { signal: ctrl.signal }).then(setFeed, (e) => {
      if (!isAbort(e)) setError(problemMessage(e));
    });
    return () => ctrl.abort();
  }, []);

  async function create() {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setFeed(await api.post<Feed>('/api/v1/me/calendar-feed', {}));
    } catch (e) {
      setError(problemMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await api.delete('/api/v1/me/calendar-feed');
      setFeed({ active: false, created_at: null });
    } catch (e) {
      setError(problemMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (!feed && !error) return null;
  return (
    <div class="calendar-feed" data-testid="calendar-feed">
      <h3>{t('ui.calendar_feed.title')}</h3>
      <p class="muted">{t('ui.calendar_feed.hint')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {feed?.url && (
        <p>
          <label for="calendar-feed-url">{t('ui.calendar_feed.url')}</label>
          <input id="calendar-feed-url" type="text" readOnly value={feed.url} data-testid="calendar-feed-url" onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
          <button type="button" class="button button-secondary" onClick={async () => setCopied((await copyText(feed.url ?? '')) === 'copied')}>
            {t('ui.calendar_feed.copy')}
          </button>
          {copied && <span role="status">{t('ui.calendar_feed.copied')}</span>}
          <span class="muted">{t('ui.calendar_feed.shown_once')}</span>
        </p>
      )}
      {feed && !feed.url && feed.active && <p data-testid="calendar-feed-active">{t('ui.calendar_feed.active')}</p>}
      <p>
        <button type="button" class="button" disabled={busy} onClick={create} data-testid="calendar-feed-create">
          {t(feed?.active ? 'ui.calendar_feed.replace' : 'ui.calendar_feed.create')}
        </button>{' '}
        {feed?.active && (
          <button type="button" class="button button-danger" disabled={busy} onClick={revoke} data-testid="calendar-feed-revoke">
            {t('ui.calendar_feed.revoke')}
          </button>
        )}
      </p>
    </div>
  );
}
