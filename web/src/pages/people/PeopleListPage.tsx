import { useEffect, useRef, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { useApp } from '../../context';
import { useDebounced } from '../../debounce';
import { problemMessage } from '../../errors';
import { t, tOr } from '../../i18n';
import { parseOffset } from '../../pagination';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import { PERSON_KINDS, STUDENT_STATUSES, type Page, type PersonSummary } from '../../types';
import { useGroups } from './groups';
import { kindsText } from './PersonFacts';
import { IssueAccountsPanel } from '../activate/IssueAccountsPanel';

export const PEOPLE_PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

interface Filters {
  q: string;
  kind: string;
  group_id: string;
  status: string;
  offset: number;
}

function readFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  return {
    q: params.get('q') ?? '',
    kind: params.get('kind') ?? '',
    group_id: params.get('group_id') ?? '',
    status: params.get('status') ?? '',
    offset: parseOffset(params.get('offset')),
  };
}

/** Filters live in the URL so the back button, reloads and shared links keep them. */
function writeFilters(filters: Filters): void {
  const { offset, ...rest } = filters;
  navigate(withQuery('/people', { ...rest, offset: offset || null }), { replace: true });
}

export function PeopleListPage({ search }: RouteProps) {
  const { can, locale } = useApp();
  const filters = readFilters(search);
  const [text, setText] = useState(filters.q);
  const debounced = useDebounced(text, SEARCH_DELAY_MS);
  const [page, setPage] = useState<Page<PersonSummary> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const groups = useGroups(can('institution.read'));
  const [issuing, setIssuing] = useState(false);

  // Back/forward may change ?q= under us: show it in the box. A ?q= we wrote ourselves from
  // the box is skipped, or a letter typed meanwhile would be lost.
  const written = useRef(filters.q);
  useEffect(() => {
    if (filters.q !== written.current) setText(filters.q);
    written.current = filters.q;
  }, [filters.q]);

  useEffect(() => {
    const q = debounced.trim();
    if (q !== filters.q) {
      written.current = q;
      writeFilters({ ...filters, q, offset: 0 });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<Page<PersonSummary>>(
        withQuery('/api/v1/people', {
          q: filters.q,
          kind: filters.kind,
          group_id: filters.group_id,
          status: filters.status,
          limit: PEOPLE_PAGE_SIZE,
          offset: filters.offset,
        }),
        { signal: controller.signal },
      )
      .then((data) => {
        setPage(data);
        setLoading(false);
      })
      .catch((err) => {
        if (isAbort(err)) return;
        setError(problemMessage(err));
        setLoading(false);
      });
    return () => controller.abort();
  }, [filters.q, filters.kind, filters.group_id, filters.status, filters.offset, locale]);

  const setFilter = (key: keyof Filters, value: string) => writeFilters({ ...filters, [key]: value, offset: 0 });

  return (
    <>
      <PageHeader title={t('ui.people.title')}>
        {can('people.write') && (
          <>
            <Link href="/people/new?kind=student" class="button">
              {t('ui.people.new_student')}
            </Link>
            <Link href="/people/new?kind=staff" class="button button-secondary">
              {t('ui.people.new_staff')}
            </Link>
          </>
        )}
        {can('users.manage') && !issuing && (
          <button type="button" class="button button-secondary" onClick={() => setIssuing(true)} data-testid="open-issue-accounts">
            {t('ui.accounts.open')}
          </button>
        )}
      </PageHeader>
      {issuing && <IssueAccountsPanel groupId={filters.group_id} onClose={() => setIssuing(false)} />}
      <form class="filters card" role="search" aria-label={t('ui.people.search_label')} onSubmit={(event) => { event.preventDefault(); writeFilters({ ...filters, q: text.trim(), offset: 0 }); }}>
        <div class="field field-search">
          <label for="people-search">{t('ui.people.search_label')}</label>
          <input
            id="people-search"
            name="q"
            type="search"
            value={text}
            placeholder={t('ui.people.search_placeholder')}
            autoComplete="off"
            onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
          />
        </div>
        <SelectField
          label={t('ui.people.filter.kind')}
          name="kind"
          value={filters.kind}
          onValue={(value) => setFilter('kind', value)}
          options={[{ value: '', label: t('ui.common.all') }, ...PERSON_KINDS.map((kind) => ({ value: kind, label: t(`ui.person.kind.${kind}`) }))]}
        />
        <SelectField
          label={t('ui.people.filter.group')}
          name="group_id"
          value={filters.group_id}
          onValue={(value) => setFilter('group_id', value)}
          options={[{ value: '', label: t('ui.common.all') }, ...groups.map((group) => ({ value: String(group.id), label: group.name }))]}
        />
        <SelectField
          label={t('ui.people.filter.status')}
          name="status"
          value={filters.status}
          onValue={(value) => setFilter('status', value)}
          options={[{ value: '', label: t('ui.common.all') }, ...STUDENT_STATUSES.map((status) => ({ value: status, label: t(`ui.person.status.${status}`) }))]}
        />
      </form>
      {error && <Alert>{error}</Alert>}
      {!page && !error && <Loading />}
      {page && (
        <section aria-labelledby="people-results" class={loading ? 'is-stale' : undefined} aria-busy={loading ? 'true' : 'false'}>
          <h2 id="people-results" class="results-heading" data-testid="people-count">
            {t('ui.people.found', { count: page.total })}
          </h2>
          {page.items.length === 0 ? (
            <p class="empty">{t('ui.people.empty')}</p>
          ) : (
            <table class="table responsive-table" data-testid="people-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.person.full_name')}</th>
                  <th scope="col">{t('ui.person.kinds')}</th>
                  <th scope="col">{t('ui.person.group')}</th>
                  <th scope="col">{t('ui.person.student_number')}</th>
                  <th scope="col">{t('ui.person.status')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((person) => (
                  <tr key={String(person.id)}>
                    <th scope="row" data-label={t('ui.person.full_name')}>
                      <Link href={`/people/${encodeURIComponent(String(person.id))}`}>{person.full_name}</Link>
                    </th>
                    <td data-label={t('ui.person.kinds')}>{kindsText(person.kinds)}</td>
                    <td data-label={t('ui.person.group')}>{person.student?.group_name ?? '—'}</td>
                    <td data-label={t('ui.person.student_number')}>{person.student?.student_number ?? '—'}</td>
                    <td data-label={t('ui.person.status')}>
                      {person.student ? <span class={`badge badge-${person.student.status}`}>{tOr('ui.person.status.', person.student.status)}</span> : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager total={page.total} limit={page.limit || PEOPLE_PAGE_SIZE} offset={page.offset} shown={page.items.length} onOffset={(offset) => writeFilters({ ...filters, offset })} />
        </section>
      )}
    </>
  );
}
