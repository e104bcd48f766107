import { useState } from 'preact/hooks';
import { api, withQuery } from '../../api';
import { ErrorList } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { PageHeader } from '../../components/PageHeader';
import { NewPasswordField } from '../../components/PasswordField';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import type { UserAccount } from '../../types';
import { RoleCheckboxes } from './RoleCheckboxes';
import { userHref, useRoles } from './users-api';

const FIELDS = ['login', 'display_name', 'password', 'roles', 'person_id'] as const;

export function UserCreatePage(_props: RouteProps) {
  const roles = useRoles();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    const body: Record<string, unknown> = { login: login.trim(), display_name: displayName.trim(), password, roles: chosen };
    if (person) body.person_id = person.id;
    try {
      const user = await api.post<UserAccount>('/api/v1/users', body);
      navigate(withQuery(userHref(user), { created: 1 }));
    } catch (error) {
      setErrors(formErrors(error, FIELDS));
      setBusy(false);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <Link href="/users">{t('ui.users.back_to_list')}</Link>
      </p>
      <PageHeader title={t('ui.users.new')} />
      <form class="form card" noValidate onSubmit={submit}>
        <ErrorList messages={errors.general} />
        <div class="grid-2">
          <TextField label={t('ui.users.login')} name="login" required autoComplete="off" autoCapitalize="none" spellcheck={false} value={login} onValue={setLogin} error={errors.fields.login} />
          <TextField label={t('ui.users.display_name')} name="display_name" required autoComplete="off" value={displayName} onValue={setDisplayName} error={errors.fields.display_name} />
          <NewPasswordField label={t('ui.users.password')} name="password" required value={password} onValue={setPassword} error={errors.fields.password} />
          <PersonPicker label={t('ui.users.person_id')} name="person_id" hint={t('ui.users.person_id_hint')} value={person} onValue={setPerson} error={errors.fields.person_id} />
        </div>
        <RoleCheckboxes roles={roles} value={chosen} onValue={setChosen} error={errors.fields.roles} />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.common.create')}
          </button>
          <Link href="/users" class="button button-secondary">
            {t('ui.common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
