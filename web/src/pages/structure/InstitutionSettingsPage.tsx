import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, type FormErrors } from '../../errors';
import { hasMessage, t, tOr } from '../../i18n';
import type { RouteProps } from '../../routes';
import { INSTITUTION_KINDS, type Institution } from '../../types';
import { LanguageCheckboxes } from './LanguageCheckboxes';
import { StructureFrame } from './StructureFrame';
import { institutionPatch, institutionToForm, orderedLanguages, type InstitutionFormState } from './structure';

export function InstitutionSettingsPage(_props: RouteProps) {
  const { can, locale } = useApp();
  const [institution, setInstitution] = useState<Institution | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<Institution>('/api/v1/institution', { signal: controller.signal })
      .then(setInstitution)
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));
    return () => controller.abort();
  }, [locale]);

  return (
    <StructureFrame tab="/structure" title={t('ui.structure.settings')}>
      {error && <Alert>{error}</Alert>}
      {!institution && !error && <Loading />}
      {institution &&
        (can('institution.manage') ? (
          <SettingsForm key={String(institution.id)} institution={institution} onSaved={setInstitution} />
        ) : (
          <section class="section card" data-testid="institution-facts">
            <InstitutionFacts institution={institution} />
          </section>
        ))}
    </StructureFrame>
  );
}

export function languagesText(languages: readonly string[]): string {
  return orderedLanguages(languages)
    .map((code) => (hasMessage(`ui.lang.${code}.name`) ? t(`ui.lang.${code}.name`) : code))
    .join(', ');
}

function InstitutionFacts({ institution }: { institution: Institution }) {
  return (
    <dl class="facts">
      <div>
        <dt>{t('ui.institution.name')}</dt>
        <dd data-testid="institution-name">{institution.name}</dd>
      </div>
      <div>
        <dt>{t('ui.institution.kind')}</dt>
        <dd>{tOr('ui.institution.kind.', institution.kind)}</dd>
      </div>
      <div>
        <dt>{t('ui.institution.languages')}</dt>
        <dd>{languagesText(institution.languages)}</dd>
      </div>
      <div>
        <dt>{t('ui.institution.time_zone')}</dt>
        <dd>{institution.time_zone}</dd>
      </div>
    </dl>
  );
}

function SettingsForm({ institution, onSaved }: { institution: Institution; onSaved: (institution: Institution) => void }) {
  const { refreshUser } = useApp();
  const [initial, setInitial] = useState<InstitutionFormState>(() => institutionToForm(institution));
  const [form, setForm] = useState<InstitutionFormState>(initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<'saved' | 'unchanged' | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    const body = institutionPatch(initial, form);
    if (Object.keys(body).length === 0) {
      setNotice('unchanged');
      return;
    }
    setNotice(null);
    setBusy(true);
    try {
      const updated = await api.patch<Institution>('/api/v1/institution', body);
      const next = institutionToForm(updated);
      setInitial(next);
      setForm(next);
      onSaved(updated);
      setNotice('saved');
      // The header and the home page show the institution's name from the session.
      await refreshUser().catch(() => undefined);
    } catch (error) {
      setErrors(formErrors(error, ['name', 'kind', 'languages', 'publish_student_names']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form card section" noValidate onSubmit={submit} data-testid="institution-form">
      <ErrorList messages={errors.general} />
      {notice === 'saved' && <Alert kind="success">{t('ui.common.saved')}</Alert>}
      {notice === 'unchanged' && <Alert kind="info">{t('ui.common.nothing_changed')}</Alert>}
      <div class="grid-2">
        <TextField label={t('ui.institution.name')} name="name" required autoComplete="off" value={form.name} onValue={(name) => setForm({ ...form, name })} error={errors.fields.name} />
        <SelectField
          label={t('ui.institution.kind')}
          name="kind"
          required
          value={form.kind}
          onValue={(kind) => setForm({ ...form, kind })}
          error={errors.fields.kind}
          options={INSTITUTION_KINDS.map((kind) => ({ value: kind, label: t(`ui.institution.kind.${kind}`) }))}
        />
      </div>
      <LanguageCheckboxes value={form.languages} onValue={(languages) => setForm({ ...form, languages })} error={errors.fields.languages} />
      <CheckboxField
        label={t('ui.institution.publish_student_names')}
        hint={t('ui.institution.publish_student_names_hint')}
        name="publish_student_names"
        checked={!!form.publishStudentNames}
        onChecked={(publishStudentNames) => setForm({ ...form, publishStudentNames })}
        error={errors.fields.publish_student_names}
      />
      <p class="muted">
        {t('ui.institution.time_zone')}: {institution.time_zone}
      </p>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('ui.common.saving') : t('ui.common.save')}
        </button>
      </div>
    </form>
  );
}
