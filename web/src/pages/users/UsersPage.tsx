import { useEffect, useRef, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useApp } from '../../context';
import { useDebounced } from '../../debounce';
import { problemMessage } from '../../errors';
import { formatDateTime } from '../../format';
import { t, tOr } from '../../i18n';
import { parseOffset } from '../../pagination';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import type { Page, UserAccount } from '../../types';
import { userHref } from './users-api';

const PAGE_SIZE = 25;

export function UsersPage({ search }: RouteProps) {
  const { locale } = useApp();
  const params = new URLSearchParams(search);
  const q = params.get('q') ?? '';
  const offset = parseOffset(params.get('offset'));
  const [text, setText] = useState(q);
  const debounced = useDebounced(text, 300);
  const [page, setPage] = useState<Page<UserAccount> | null>(null);
  const [error, setError] = useState<string | null>(null);

  // As on the people page: follow ?q= from back/forward, but not the one we just wrote.
  const written = useRef(q);
  useEffect(() => {
    if (q !== written.current) setText(q);
    written.current = q;
  }, [q]);
  useEffect(() => {
    const next = debounced.trim();
    if (next !== q) {
      written.current = next;
      navigate(withQuery('/users', { q: next }), { replace: true });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api
      .get<Page<UserAccount>>(withQuery('/api/v1/users', { q, limit: PAGE_SIZE, offset }), { signal: controller.signal })
      .then(setPage)
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));
    return () => controller.abort();
  }, [q, offset, locale]);

  return (
    <>
      <PageHeader title={t('ui.users.title')}>
        <Link href="/users/new" class="button">
          {t('ui.users.new')}
        </Link>
      </PageHeader>
      <form class="filters card" role="search" aria-label={t('ui.users.search_label')} onSubmit={(event) => event.preventDefault()}>
        <div class="field field-search">
          <label for="users-search">{t('ui.users.search_label')}</label>
          <input id="users-search" name="q" type="search" value={text} autoComplete="off" onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)} />
        </div>
      </form>
      {error && <Alert>{error}</Alert>}
      {!page && !error && <Loading />}
      {page && (
        <section aria-labelledby="users-results">
          <h2 id="users-results" class="results-heading">
            {t('ui.users.found', { count: page.total })}
          </h2>
          {page.items.length === 0 ? (
            <p class="empty">{t('ui.users.empty')}</p>
          ) : (
            <table class="table responsive-table" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.users.login')}</th>
                  <th scope="col">{t('ui.users.display_name')}</th>
                  <th scope="col">{t('ui.users.roles')}</th>
                  <th scope="col">{t('ui.users.state')}</th>
                  <th scope="col">{t('ui.users.created_at')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((user) => (
                  <tr key={String(user.id)} data-login={user.login}>
                    <th scope="row" data-label={t('ui.users.login')}>
                      <Link href={userHref(user)}>{user.login}</Link>
                    </th>
                    <td data-label={t('ui.users.display_name')}>{user.display_name}</td>
                    <td data-label={t('ui.users.roles')} data-testid="user-roles">
                      {user.roles.map((role) => tOr('ui.role.', role)).join(', ') || '—'}
                    </td>
                    <td data-label={t('ui.users.state')}>
                      <span class={`badge ${user.disabled ? 'badge-expelled' : 'badge-studying'}`}>{t(user.disabled ? 'ui.users.disabled' : 'ui.users.active')}</span>
                    </td>
                    <td data-label={t('ui.users.created_at')}>{formatDateTime(user.created_at, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager total={page.total} limit={page.limit || PAGE_SIZE} offset={page.offset} shown={page.items.length} onOffset={(next) => navigate(withQuery('/users', { q, offset: next || null }))} />
        </section>
      )}
    </>
  );
}
