// /forgot: asks for a reset link by login or e-mail. The answer is the same whether or not such an
// account exists, so the page says what happens "if" it does.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { AuthCard } from '../../components/AuthCard';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';

export function ForgotPage(_props: RouteProps) {
  const [login, setLogin] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!login.trim()) {
      setErrors({ fields: { login: t('field.required') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post('/api/v1/password-resets', { login: login.trim() }, { allowUnauthenticated: true });
      setSent(true);
    } catch (error) {
      setErrors(formErrors(error, ['login']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard testid="forgot-page">
        <PageHeader title={t('ui.forgot.title')} subtitle={t('ui.forgot.subtitle')} />
        {sent ? (
          <Alert kind="success">
            <p data-testid="forgot-sent">{t('ui.forgot.sent')}</p>
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate class="form">
            <ErrorList messages={errors.general} />
            <TextField label={t('ui.forgot.login')} name="login" value={login} onValue={setLogin} autoComplete="username" autoCapitalize="none" spellcheck={false} required error={errors.fields.login} />
            <button type="submit" class="button button-wide" disabled={busy}>
              {t('ui.forgot.submit')}
            </button>
          </form>
        )}
        <p class="login-links">
          <Link href="/login">{t('ui.forgot.back')}</Link>
        </p>
    </AuthCard>
  );
}
