import { useEffect, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDateTime } from '../../format';
import { hasMessage, t, tOr } from '../../i18n';
import { parseOffset } from '../../pagination';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import type { AuditEntry, AuditVerify, Page } from '../../types';
import { changedKeys, prettyJson, rangeIsValid, type AuditFilters } from './audit-helpers';

const PAGE_SIZE = 50;

function readFilters(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  return {
    action: params.get('action') ?? '',
    entity: params.get('entity') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    offset: parseOffset(params.get('offset')),
  };
}

function filtersHref(filters: AuditFilters): string {
  const { offset, ...rest } = filters;
  return withQuery('/audit', { ...rest, offset: offset || null });
}

export function AuditPage({ search }: RouteProps) {
  const { locale } = useApp();
  const filters = readFilters(search);
  const [draft, setDraft] = useState(filters);
  const [page, setPage] = useState<Page<AuditEntry> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [verify, setVerify] = useState<AuditVerify | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => setDraft(readFilters(search)), [search]);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api
      .get<Page<AuditEntry>>(
        withQuery('/api/v1/audit', { action: filters.action, entity: filters.entity, from: filters.from, to: filters.to, limit: PAGE_SIZE, offset: filters.offset }),
        { signal: controller.signal },
      )
      .then(setPage)
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));
    return () => controller.abort();
  }, [filters.action, filters.entity, filters.from, filters.to, filters.offset, locale]);

  const toggle = (seq: number) => {
    const next = new Set(expanded);
    if (next.has(seq)) next.delete(seq);
    else next.add(seq);
    setExpanded(next);
  };

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    try {
      setVerify(await api.get<AuditVerify>('/api/v1/audit/verify'));
    } catch (err) {
      setVerifyError(problemMessage(err));
    } finally {
      setVerifying(false);
    }
  };

  const rangeOk = rangeIsValid(draft.from, draft.to);
  return (
    <>
      <PageHeader title={t('ui.audit.title')} subtitle={t('ui.audit.subtitle')}>
        <button type="button" class="button" onClick={runVerify} disabled={verifying} data-testid="audit-verify">
          {verifying ? t('ui.audit.verifying') : t('ui.audit.verify')}
        </button>
      </PageHeader>
      {verify && (
        <Alert kind={verify.ok ? 'success' : 'error'}>
          <p data-testid="audit-verify-result" data-ok={verify.ok ? 'true' : 'false'}>
            {verify.ok ? t('ui.audit.verify_ok', { count: verify.checked }) : t('ui.audit.verify_broken', { seq: verify.first_broken_seq, count: verify.checked })}
          </p>
        </Alert>
      )}
      {verifyError && <Alert>{verifyError}</Alert>}
      <form
        class="filters card"
        aria-label={t('ui.audit.filters')}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (rangeOk) navigate(filtersHref({ ...draft, action: draft.action.trim(), entity: draft.entity.trim(), offset: 0 }));
        }}
      >
        <TextField label={t('ui.audit.action')} name="action" hint={t('ui.audit.action_hint')} value={draft.action} onValue={(action) => setDraft({ ...draft, action })} autoComplete="off" />
        <TextField label={t('ui.audit.entity')} name="entity" hint={t('ui.audit.entity_hint')} value={draft.entity} onValue={(entity) => setDraft({ ...draft, entity })} autoComplete="off" />
        <TextField label={t('ui.audit.from')} name="from" type="date" value={draft.from} onValue={(from) => setDraft({ ...draft, from })} />
        <TextField label={t('ui.audit.to')} name="to" type="date" value={draft.to} onValue={(to) => setDraft({ ...draft, to })} error={rangeOk ? undefined : t('ui.audit.bad_range')} />
        <div class="filters-actions">
          <button type="submit" class="button" disabled={!rangeOk}>
            {t('ui.common.apply')}
          </button>
          <button type="button" class="button button-secondary" onClick={() => navigate('/audit')}>
            {t('ui.common.reset')}
          </button>
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
      {!page && !error && <Loading />}
      {page && (
        <section aria-labelledby="audit-results">
          <h2 id="audit-results" class="results-heading">
            {t('ui.audit.found', { count: page.total })}
          </h2>
          {page.items.length === 0 ? (
            <p class="empty">{t('ui.audit.empty')}</p>
          ) : (
            <table class="table responsive-table audit-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.audit.seq')}</th>
                  <th scope="col">{t('ui.audit.at')}</th>
                  <th scope="col">{t('ui.audit.actor')}</th>
                  <th scope="col">{t('ui.audit.action')}</th>
                  <th scope="col">{t('ui.audit.entity')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('ui.audit.changes')}</span>
                  </th>
                </tr>
              </thead>
              {page.items.map((entry) => (
                <AuditRow key={entry.seq} entry={entry} open={expanded.has(entry.seq)} onToggle={() => toggle(entry.seq)} />
              ))}
            </table>
          )}
          <Pager total={page.total} limit={page.limit || PAGE_SIZE} offset={page.offset} shown={page.items.length} onOffset={(offset) => navigate(filtersHref({ ...filters, offset }))} />
        </section>
      )}
    </>
  );
}

function AuditRow({ entry, open, onToggle }: { entry: AuditEntry; open: boolean; onToggle: () => void }) {
  const { locale } = useApp();
  const detailsId = `audit-details-${entry.seq}`;
  const before = prettyJson(entry.before);
  const after = prettyJson(entry.after);
  const changed = changedKeys(entry.before, entry.after);
  // One <tbody> per entry keeps the row and its expandable details together.
  return (
    <tbody class="audit-entry" data-seq={entry.seq} data-action={entry.action}>
      <tr>
        <td data-label={t('ui.audit.seq')}>{entry.seq}</td>
        <td data-label={t('ui.audit.at')}>
          <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
        </td>
        <td data-label={t('ui.audit.actor')}>{entry.actor_login ?? t('ui.audit.system')}</td>
        <td data-label={t('ui.audit.action')}>
          {/* Words in the reader's language; the code stays as the tooltip (the filter takes codes). */}
          {hasMessage(`ui.audit.action_name.${entry.action}`) ? (
            <span class="audit-action-name" title={entry.action}>
              {tOr('ui.audit.action_name.', entry.action)}
            </span>
          ) : (
            <code>{entry.action}</code>
          )}
        </td>
        <td data-label={t('ui.audit.entity')}>
          <span>
            {entry.entity}
            {entry.entity_id !== null && entry.entity_id !== undefined && <span class="muted"> #{String(entry.entity_id)}</span>}
          </span>
        </td>
        <td>
          <button type="button" class="button button-secondary button-small" aria-expanded={open ? 'true' : 'false'} aria-controls={detailsId} onClick={onToggle}>
            {open ? t('ui.audit.hide_changes') : t('ui.audit.show_changes')}
          </button>
        </td>
      </tr>
      <tr id={detailsId} class="audit-details" hidden={!open}>
        <td colSpan={6}>
          {open && (
            <>
              {changed.length > 0 && (
                <p class="muted">
                  {t('ui.audit.changed_fields')} <code>{changed.join(', ')}</code>
                </p>
              )}
              <div class="diff">
                <div>
                  <h3 class="subheading">{t('ui.audit.before')}</h3>
                  <pre data-testid="audit-before">{before ?? '—'}</pre>
                </div>
                <div>
                  <h3 class="subheading">{t('ui.audit.after')}</h3>
                  <pre data-testid="audit-after">{after ?? '—'}</pre>
                </div>
              </div>
              <p class="hash muted">
                {t('ui.audit.hash')} <code>{entry.hash}</code>
              </p>
            </>
          )}
        </td>
      </tr>
    </tbody>
  );
}
