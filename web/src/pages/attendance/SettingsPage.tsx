// The administration's attendance settings: the terms of an academic year (GEN-2; the preset is
// 4 quarters in schools, 2 semesters in colleges and universities) and whether the journal is
// kept per lesson.
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { CheckboxField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formErrors, NO_ERRORS, problemMessage, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import { todayInAlmaty } from '../../format';
import type { RouteProps } from '../../routes';
import { academicYearOf, type Term, type TermsAnswer } from './attendance';

export function SettingsPage(_props: RouteProps) {
  const [year, setYear] = useState(academicYearOf(todayInAlmaty()));
  const [data, setData] = useState<TermsAnswer | null>(null);
  const [terms, setTerms] = useState<Term[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!/^\d{4}-\d{4}$/.test(year)) return;
    let live = true;
    api
      .get<TermsAnswer>(withQuery('/api/v1/attendance/terms', { year }))
      .then((d) => {
        if (!live) return;
        setData(d);
        setTerms(d.terms);
      })
      .catch((err) => live && !isAbort(err) && setErrors({ fields: {}, general: [problemMessage(err)] }));
    return () => {
      live = false;
    };
  }, [year]);

  const saveTerms = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setNotice(null);
    try {
      const d = await api.put<TermsAnswer>('/api/v1/attendance/terms', { academic_year: year, terms: terms.map(({ starts_on, ends_on }) => ({ starts_on, ends_on })) });
      setData(d);
      setTerms(d.terms);
      setNotice(t('ui.attendance.terms_saved'));
    } catch (err) {
      setErrors(formErrors(err, ['terms']));
    } finally {
      setBusy(false);
    }
  };
  const setByLesson = async (value: boolean) => {
    try {
      setData(await api.put<TermsAnswer>('/api/v1/attendance/settings', { by_lesson: value }));
    } catch (err) {
      setErrors({ fields: {}, general: [problemMessage(err)] });
    }
  };
  const edit = (i: number, key: 'starts_on' | 'ends_on') => (value: string) => setTerms(terms.map((x, j) => (j === i ? { ...x, [key]: value } : x)));
  return (
    <>
      <PageHeader title={t('ui.attendance.settings')}>
        <Link href="/attendance">{t('ui.attendance.title')}</Link>
      </PageHeader>
      {notice && <Alert kind="success">{notice}</Alert>}
      {!data && <Loading />}
      {data && (
        <section class="section card">
          <CheckboxField label={t('ui.attendance.by_lesson')} name="by_lesson" checked={data.by_lesson} onChecked={setByLesson} hint={t('ui.attendance.by_lesson_hint')} />
        </section>
      )}
      <section class="section card" aria-labelledby="attendance-terms-edit">
        <h2 id="attendance-terms-edit">{t('ui.attendance.terms')}</h2>
        <form class="form" noValidate onSubmit={saveTerms} data-testid="terms-form">
          <ErrorList messages={errors.general} />
          <TextField label={t('ui.attendance.academic_year')} name="year" value={year} onValue={setYear} hint="2026-2027" />
          {data?.preset && <p class="muted">{t('ui.attendance.preset', { kind: data.institution_kind })}</p>}
          {terms.map((term, i) => (
            <div class="grid-3" key={i}>
              <TextField label={t('ui.attendance.term_starts', { n: i + 1 })} name={`starts_${i}`} type="date" value={term.starts_on} onValue={edit(i, 'starts_on')} />
              <TextField label={t('ui.attendance.term_ends', { n: i + 1 })} name={`ends_${i}`} type="date" value={term.ends_on} onValue={edit(i, 'ends_on')} />
              <div class="form-actions">
                <button type="button" class="button button-secondary" onClick={() => setTerms(terms.filter((_, j) => j !== i))}>
                  {t('ui.attendance.remove_term')}
                </button>
              </div>
            </div>
          ))}
          {errors.fields.terms && <p class="field-error">{errors.fields.terms}</p>}
          <div class="form-actions">
            <button type="button" class="button button-secondary" disabled={terms.length >= 6} onClick={() => setTerms([...terms, { number: terms.length + 1, starts_on: '', ends_on: '' }])}>
              {t('ui.attendance.add_term')}
            </button>
            <button type="submit" class="button" disabled={busy}>
              {busy ? t('ui.common.saving') : t('ui.common.save')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
