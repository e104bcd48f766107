import { useState } from 'preact/hooks';
import { signIn } from '../../auth';
import { ErrorList } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { AuthCard } from '../../components/AuthCard';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';

const FIELDS = ['login', 'password'] as const;

export function LoginPage(_props: RouteProps) {
  const { signedIn } = useApp();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!login.trim()) missing.login = t('field.required');
    if (!password) missing.password = t('field.required');
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const user = await signIn(login.trim(), password);
      signedIn(user); // the app then leaves /login for ?next= or the home page
    } catch (error) {
      setErrors(formErrors(error, FIELDS));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard>
        <PageHeader title={t('ui.login.title')} subtitle={t('ui.login.subtitle')} />
        <form onSubmit={submit} noValidate class="form" aria-describedby={errors.general.length ? 'login-errors' : undefined}>
          <div id="login-errors">
            <ErrorList messages={errors.general} />
          </div>
          <TextField
            label={t('ui.login.login')}
            name="login"
            value={login}
            onValue={setLogin}
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            required
            error={errors.fields.login}
          />
          <TextField
            label={t('ui.login.password')}
            name="password"
            type="password"
            value={password}
            onValue={setPassword}
            autoComplete="current-password"
            required
            error={errors.fields.password}
          />
          <button type="submit" class="button button-wide" disabled={busy}>
            {busy ? t('ui.login.submitting') : t('ui.login.submit')}
          </button>
        </form>
        <p class="login-links">
          <Link href="/forgot" data-testid="forgot-link">{t('ui.login.forgot')}</Link>
          <Link href="/activate">{t('ui.login.activate')}</Link>
        </p>
    </AuthCard>
  );
}
