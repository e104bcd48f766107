// REP-2: who has not signed. The curator sees their group, the administration the school or one
// group: the students whose representatives have not signed an unjustified absence of the term or
// the term's report card, with a CSV download of the same list.
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { SchoolReport, TermsAnswer } from './attendance';

export interface UnsignedAnswer {
  academic_year: string;
  term: number;
  rule: string;
  items: {
    person_id: number;
    full_name: string;
    group_id: number;
    group_name: string;
    unsigned_absences: string[];
    report_card_signed: boolean;
    representatives: string[];
  }[];
}

export function UnsignedPage({ params }: RouteProps) {
  const { locale } = useApp();
  const groupPath = params.id ? `/api/v1/groups/${encodeURIComponent(params.id)}/attendance/unsigned` : null;
  const [terms, setTerms] = useState<TermsAnswer | null>(null);
  const [groups, setGroups] = useState<SchoolReport['groups']>([]);
  const [term, setTerm] = useState('');
  const [group, setGroup] = useState('');
  const [list, setList] = useState<UnsignedAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<TermsAnswer>('/api/v1/attendance/terms').then(setTerms).catch((err) => !isAbort(err) && setError(problemMessage(err)));
    if (!groupPath) api.get<SchoolReport>('/api/v1/attendance/report').then((r) => setGroups(r.groups)).catch(() => undefined);
  }, [groupPath]);
  const path = groupPath ?? '/api/v1/attendance/unsigned';
  const query = { term: term || undefined, group_id: groupPath ? undefined : group || undefined };
  useEffect(() => {
    let live = true;
    api
      .get<UnsignedAnswer>(withQuery(path, query))
      .then((d) => {
        if (!live) return;
        setList(d);
        if (!term) setTerm(String(d.term));
      })
      .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, term, group, locale]);
  const csv = withQuery(path, { ...query, term: term || undefined, format: 'csv', lang: locale });
  return (
    <div data-testid="unsigned">
      <PageHeader title={t('ui.attendance.unsigned.title')} subtitle={list ? `${list.academic_year}, ${t('ui.attendance.term_n', { n: list.term })}` : undefined}>
        <Link href={params.id ? `/attendance/groups/${params.id}` : '/attendance/report'}>{params.id ? t('ui.attendance.journal') : t('ui.attendance.report')}</Link>
      </PageHeader>
      <p class="muted">
        {t('ui.attendance.unsigned.intro')} <RuleRef rule="REP-2" />
      </p>
      <div class="grid-2">
        {terms && (
          <SelectField label={t('ui.attendance.unsigned.term')} name="term" value={term} onValue={setTerm}
            options={terms.terms.map((x) => ({ value: String(x.number), label: t('ui.attendance.term_n', { n: x.number }) }))} />
        )}
        {!groupPath && (
          <SelectField label={t('ui.attendance.unsigned.group_filter')} name="group_id" value={group} onValue={setGroup}
            options={[{ value: '', label: t('ui.attendance.unsigned.all_groups') }, ...groups.map((g) => ({ value: String(g.group_id), label: g.name }))]} />
        )}
      </div>
      <p>
        <a class="button button-secondary" href={csv} download data-testid="unsigned-csv">{t('ui.attendance.unsigned.csv')}</a>
      </p>
      {error && <Alert>{error}</Alert>}
      {!list && !error && <Loading />}
      {list && list.items.length === 0 && <p class="muted" data-testid="unsigned-empty">{t('ui.attendance.unsigned.empty')}</p>}
      {list && list.items.length > 0 && (
        <table class="table responsive-table" data-testid="unsigned-table">
          <thead>
            <tr>
              <th scope="col">{t('attendance.unsigned.student')}</th>
              <th scope="col">{t('attendance.unsigned.group')}</th>
              <th scope="col">{t('attendance.unsigned.absences')}</th>
              <th scope="col">{t('attendance.unsigned.report_card')}</th>
              <th scope="col">{t('attendance.unsigned.representatives')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((s) => (
              <tr key={s.person_id} data-person-id={String(s.person_id)}>
                <th scope="row" data-label={t('attendance.unsigned.student')}>
                  <Link href={`/attendance/students/${s.person_id}`}>{s.full_name}</Link>
                </th>
                <td data-label={t('attendance.unsigned.group')}>{s.group_name}</td>
                <td data-label={t('attendance.unsigned.absences')}>{s.unsigned_absences.map((d) => formatDate(d, locale)).join(', ') || '—'}</td>
                <td data-label={t('attendance.unsigned.report_card')}>{t(s.report_card_signed ? 'attendance.unsigned.signed' : 'attendance.unsigned.not_signed')}</td>
                <td data-label={t('attendance.unsigned.representatives')}>{s.representatives.join(', ') || t('ui.attendance.unsigned.no_representative')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
