// The whole school's term report for the administration: per group its students' days of
// lateness, of unjustified and of justified absence, and how many students passed the third.
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { SchoolReport, TermsAnswer } from './attendance';

export function ReportPage(_props: RouteProps) {
  const { locale } = useApp();
  const [terms, setTerms] = useState<TermsAnswer | null>(null);
  const [term, setTerm] = useState<string>('');
  const [report, setReport] = useState<SchoolReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<TermsAnswer>('/api/v1/attendance/terms').then(setTerms).catch((err) => !isAbort(err) && setError(problemMessage(err)));
  }, []);
  useEffect(() => {
    let live = true;
    api
      .get<SchoolReport>(withQuery('/api/v1/attendance/report', { term: term || undefined }))
      .then((d) => {
        if (!live) return;
        setReport(d);
        if (!term) setTerm(String(d.term));
      })
      .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    return () => {
      live = false;
    };
  }, [term, locale]);
  return (
    <>
      <PageHeader title={t('ui.attendance.report')} subtitle={report?.academic_year}>
        <Link href="/attendance">{t('ui.attendance.title')}</Link>
        <Link href="/attendance/unsigned" data-testid="unsigned-link">{t('ui.attendance.unsigned.title')}</Link>
      </PageHeader>
      {terms && (
        <SelectField
          label={t('ui.attendance.term')}
          name="term"
          value={term}
          onValue={setTerm}
          options={terms.terms.map((x) => ({ value: String(x.number), label: t('ui.attendance.term_n', { n: x.number }) }))}
        />
      )}
      {error && <Alert>{error}</Alert>}
      {!report && !error && <Loading />}
      {report && (
        <section class="section card">
          <p data-testid="report-totals">
            {t('ui.attendance.report_totals', {
              students: report.totals.students,
              late: report.totals.late_days,
              unjustified: report.totals.unjustified_days,
              justified: report.totals.justified_days,
              proposals: report.totals.pending_proposals,
            })}
          </p>
          <table class="table responsive-table" data-testid="attendance-report">
            <thead>
              <tr>
                <th scope="col">{t('ui.attendance.group')}</th>
                <th scope="col">{t('ui.attendance.students')}</th>
                <th scope="col">{t('ui.attendance.late_days')}</th>
                <th scope="col">{t('ui.attendance.unjustified_days')}</th>
                <th scope="col">{t('ui.attendance.justified_days')}</th>
                <th scope="col">{t('ui.attendance.over_three')}</th>
              </tr>
            </thead>
            <tbody>
              {report.groups.map((g) => (
                <tr key={String(g.group_id)}>
                  <th scope="row" data-label={t('ui.attendance.group')}>
                    <Link href={`/attendance/groups/${g.group_id}`}>{g.name}</Link>
                  </th>
                  <td data-label={t('ui.attendance.students')}>{g.students}</td>
                  <td data-label={t('ui.attendance.late_days')}>{g.late_days}</td>
                  <td data-label={t('ui.attendance.unjustified_days')}>{g.unjustified_days}</td>
                  <td data-label={t('ui.attendance.justified_days')}>{g.justified_days}</td>
                  <td data-label={t('ui.attendance.over_three')}>
                    {g.students_over_lateness} / {g.students_over_absences}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
