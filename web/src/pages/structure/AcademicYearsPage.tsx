import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { AcademicYear } from '../../types';
import { StructureFrame } from './StructureFrame';
import { checkAcademicYear, suggestYearName, type AcademicYearForm } from './structure';
import { useList } from './structure-api';

const EMPTY: AcademicYearForm = { name: '', starts_on: '', ends_on: '' };

export function AcademicYearsPage(_props: RouteProps) {
  const { can, locale } = useApp();
  const [years, reload] = useList<AcademicYear>('/api/v1/academic-years');
  const [created, setCreated] = useState<string | null>(null);

  return (
    <StructureFrame tab="/structure/years" title={t('ui.structure.years')}>
      {created && <Alert kind="success">{t('ui.years.created', { name: created })}</Alert>}
      {years.state === 'loading' && <Loading />}
      {years.state === 'failed' && <Alert>{years.message}</Alert>}
      {years.state === 'ready' &&
        (years.data.length === 0 ? (
          <p class="empty">{t('ui.years.empty')}</p>
        ) : (
          <table class="table responsive-table" data-testid="years-table">
            <thead>
              <tr>
                <th scope="col">{t('ui.structure.name')}</th>
                <th scope="col">{t('ui.years.starts_on')}</th>
                <th scope="col">{t('ui.years.ends_on')}</th>
              </tr>
            </thead>
            <tbody>
              {years.data.map((year) => (
                <tr key={String(year.id)}>
                  <th scope="row" data-label={t('ui.structure.name')}>
                    {year.name}
                  </th>
                  <td data-label={t('ui.years.starts_on')}>
                    <time dateTime={year.starts_on}>{formatDate(year.starts_on, locale)}</time>
                  </td>
                  <td data-label={t('ui.years.ends_on')}>
                    <time dateTime={year.ends_on}>{formatDate(year.ends_on, locale)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {can('institution.manage') && (
        <YearForm
          onCreated={async (year) => {
            await reload();
            setCreated(year.name);
          }}
        />
      )}
    </StructureFrame>
  );
}

function YearForm({ onCreated }: { onCreated: (year: AcademicYear) => Promise<void> }) {
  const [form, setForm] = useState<AcademicYearForm>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof AcademicYearForm) => (value: string) => setForm({ ...form, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    const local = checkAcademicYear(form);
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const year = await api.post<AcademicYear>('/api/v1/academic-years', { name: form.name.trim() || suggestYearName(form.starts_on, form.ends_on), starts_on: form.starts_on, ends_on: form.ends_on });
      setForm(EMPTY);
      await onCreated(year);
    } catch (error) {
      setErrors(formErrors(error, ['name', 'starts_on', 'ends_on']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="new-year-title">
      <h2 id="new-year-title">{t('ui.years.new')}</h2>
      <form class="form" noValidate onSubmit={submit} data-testid="create-form">
        <ErrorList messages={errors.general} />
        <div class="grid-3">
          <TextField label={t('ui.years.starts_on')} name="starts_on" type="date" required value={form.starts_on} onValue={set('starts_on')} error={errors.fields.starts_on} />
          <TextField label={t('ui.years.ends_on')} name="ends_on" type="date" required value={form.ends_on} onValue={set('ends_on')} error={errors.fields.ends_on} />
          <TextField
            label={t('ui.structure.name')}
            name="name"
            autoComplete="off"
            hint={t('ui.years.name_hint')}
            placeholder={suggestYearName(form.starts_on, form.ends_on) || undefined}
            value={form.name}
            onValue={set('name')}
            error={errors.fields.name}
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.common.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
