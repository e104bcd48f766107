// System administrators: every institution hosted on this server, and a new one.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { t, tOr } from '../../i18n';
import type { RouteProps } from '../../routes';
import { INSTITUTION_KINDS, type Institution } from '../../types';
import { languagesText } from '../structure/InstitutionSettingsPage';
import { LanguageCheckboxes } from '../structure/LanguageCheckboxes';
import { institutionBody, type InstitutionFormState } from '../structure/structure';
import { useList } from '../structure/structure-api';

const EMPTY: InstitutionFormState = { name: '', kind: '', languages: ['kk', 'ru', 'en'] };

export function InstitutionsPage(_props: RouteProps) {
  const { user } = useApp();
  const [institutions, reload] = useList<Institution>('/api/v1/institutions');
  const [created, setCreated] = useState<Institution | null>(null);

  return (
    <>
      <PageHeader title={t('ui.institutions.title')} subtitle={t('ui.institutions.subtitle')} />
      {created && (
        <Alert kind="success">
          <p>{t('ui.institutions.created', { name: created.name })}</p>
          <p>{t('ui.institutions.first_admin')}</p>
          <pre class="command" data-testid="first-admin-command">{t('ui.institutions.first_admin_command', { id: String(created.id) })}</pre>
        </Alert>
      )}
      {institutions.state === 'loading' && <Loading />}
      {institutions.state === 'failed' && <Alert>{institutions.message}</Alert>}
      {institutions.state === 'ready' && (
        <section aria-labelledby="institutions-count">
          <h2 id="institutions-count" class="results-heading">
            {t('ui.institutions.found', { count: institutions.data.length })}
          </h2>
          <table class="table responsive-table" data-testid="institutions-table">
            <thead>
              <tr>
                <th scope="col">{t('ui.institution.name')}</th>
                <th scope="col">{t('ui.institution.kind')}</th>
                <th scope="col">{t('ui.institution.languages')}</th>
                <th scope="col">{t('ui.institution.time_zone')}</th>
                <th scope="col">{t('ui.institutions.id')}</th>
              </tr>
            </thead>
            <tbody>
              {institutions.data.map((institution) => (
                <tr key={String(institution.id)} data-institution={institution.name} class={created && String(created.id) === String(institution.id) ? 'is-new' : undefined}>
                  <th scope="row" data-label={t('ui.institution.name')}>
                    {institution.name}
                    {user?.institution && String(user.institution.id) === String(institution.id) && <span class="badge badge-inline">{t('ui.institutions.yours')}</span>}
                  </th>
                  <td data-label={t('ui.institution.kind')}>{tOr('ui.institution.kind.', institution.kind)}</td>
                  <td data-label={t('ui.institution.languages')}>{languagesText(institution.languages)}</td>
                  <td data-label={t('ui.institution.time_zone')}>{institution.time_zone}</td>
                  <td data-label={t('ui.institutions.id')}>
                    <code>{String(institution.id)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <CreateInstitution
        onCreated={async (institution) => {
          await reload();
          setCreated(institution);
        }}
      />
    </>
  );
}

function CreateInstitution({ onCreated }: { onCreated: (institution: Institution) => Promise<void> }) {
  const [form, setForm] = useState<InstitutionFormState>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const institution = await api.post<Institution>('/api/v1/institutions', institutionBody(form));
      setForm(EMPTY);
      await onCreated(institution);
    } catch (error) {
      setErrors(formErrors(error, ['name', 'kind', 'languages']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="new-institution-title">
      <h2 id="new-institution-title">{t('ui.institutions.new')}</h2>
      <form class="form" noValidate onSubmit={submit} data-testid="create-form">
        <ErrorList messages={errors.general} />
        <div class="grid-2">
          <TextField label={t('ui.institution.name')} name="name" required autoComplete="off" value={form.name} onValue={(name) => setForm({ ...form, name })} error={errors.fields.name} />
          <SelectField
            label={t('ui.institution.kind')}
            name="kind"
            required
            value={form.kind}
            onValue={(kind) => setForm({ ...form, kind })}
            error={errors.fields.kind}
            options={[{ value: '', label: t('ui.common.choose') }, ...INSTITUTION_KINDS.map((kind) => ({ value: kind, label: t(`ui.institution.kind.${kind}`) }))]}
          />
        </div>
        <LanguageCheckboxes value={form.languages} onValue={(languages) => setForm({ ...form, languages })} error={errors.fields.languages} />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.common.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
