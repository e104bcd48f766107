// /reset?token=…: the link from the "forgot password" letter; a new password, then sign in.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { AuthCard } from '../../components/AuthCard';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { NewPasswordField } from '../../components/PasswordField';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';

export function ResetPage({ search }: RouteProps) {
  const token = new URLSearchParams(search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!password) {
      setErrors({ fields: { password: t('field.required') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post('/api/v1/password-resets/complete', { token, password }, { allowUnauthenticated: true });
      setDone(true);
    } catch (error) {
      // A dead link is said in general: there is no field to fix it in.
      const shown = formErrors(error, ['password']);
      setErrors(shown);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard testid="reset-page">
        <PageHeader title={t('ui.reset.title')} />
        {done ? (
          <Alert kind="success">
            <p data-testid="reset-done">{t('ui.reset.done')}</p>
          </Alert>
        ) : !token ? (
          <Alert>{t('field.reset_link_invalid')}</Alert>
        ) : (
          <form onSubmit={submit} noValidate class="form">
            <ErrorList messages={errors.general} />
            <NewPasswordField label={t('ui.activate.password')} name="password" value={password} onValue={setPassword} required error={errors.fields.password} />
            <button type="submit" class="button button-wide" disabled={busy}>
              {t('ui.reset.submit')}
            </button>
          </form>
        )}
        <p class="login-links">
          <Link href={done ? '/login' : '/forgot'}>{done ? t('ui.reset.sign_in') : t('ui.reset.new_link')}</Link>
        </p>
    </AuthCard>
  );
}
