// /activate: a student or a parent opens their account with the one-time code from their slip (the
// QR fills in login and code) and chooses a password; they land signed in on the home page.
import { useState } from 'preact/hooks';
import { api, setCsrfToken } from '../../api';
import { ErrorList } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { AuthCard } from '../../components/AuthCard';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { NewPasswordField } from '../../components/PasswordField';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import type { LoginResponse } from '../../types';
import { activationQuery, codeLooksValid, formatCode } from './accounts';

const FIELDS = ['login', 'code', 'password'] as const;

export function ActivatePage({ search }: RouteProps) {
  const { signedIn } = useApp();
  const initial = activationQuery(search);
  const [login, setLogin] = useState(initial.login);
  const [code, setCode] = useState(initial.code);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!login.trim()) local.login = t('field.required');
    if (!code.trim()) local.code = t('field.required');
    else if (!codeLooksValid(code)) local.code = t('ui.activate.code_malformed');
    if (!password) local.password = t('field.required');
    if (Object.keys(local).length) {
      setErrors({ fields: local, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const answer = await api.post<LoginResponse>('/api/v1/activation', { login: login.trim().toLowerCase(), code, password }, { allowUnauthenticated: true });
      setCsrfToken(answer.csrf_token);
      signedIn(answer.user);
      navigate('/?activated=1', { replace: true });
    } catch (error) {
      setErrors(formErrors(error, FIELDS));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard testid="activate-page">
        <PageHeader title={t('ui.activate.title')} subtitle={t('ui.activate.subtitle')} />
        <form onSubmit={submit} noValidate class="form" data-testid="activate-form">
          <ErrorList messages={errors.general} />
          <TextField label={t('ui.login.login')} name="login" value={login} onValue={setLogin} autoComplete="username" autoCapitalize="none" spellcheck={false} required error={errors.fields.login} />
          <TextField
            label={t('ui.activate.code')}
            name="code"
            value={code}
            onValue={(value) => setCode(formatCode(value))}
            hint={t('ui.activate.code_hint')}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellcheck={false}
            class="code-input"
            required
            error={errors.fields.code}
          />
          <NewPasswordField label={t('ui.activate.password')} name="password" value={password} onValue={setPassword} required error={errors.fields.password} />
          <button type="submit" class="button button-wide" disabled={busy} data-testid="activate-submit">
            {busy ? t('ui.activate.submitting') : t('ui.activate.submit')}
          </button>
        </form>
        <p class="login-links">
          <Link href="/login">{t('ui.activate.have_password')}</Link>
        </p>
    </AuthCard>
  );
}
