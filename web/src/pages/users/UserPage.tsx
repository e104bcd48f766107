import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { CheckboxField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { NewPasswordField } from '../../components/PasswordField';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, type FormErrors } from '../../errors';
import { formatDateTime } from '../../format';
import { t, tOr } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { ApiToken, UserAccount } from '../../types';
import { RoleCheckboxes } from './RoleCheckboxes';
import { fetchUser, heldPermissions, scopeText, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, tokenRequest, useRoles } from './users-api';

export function UserPage({ params, search }: RouteProps) {
  const query = new URLSearchParams(search);
  const [user, setUser] = useState<UserAccount | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    setUser(null);
    fetchUser(params.id, controller.signal)
      .then(setUser)
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));
    return () => controller.abort();
  }, [params.id]);

  return (
    <>
      <p class="breadcrumb">
        <Link href="/users">{t('ui.users.back_to_list')}</Link>
      </p>
      {error && (
        <>
          <PageHeader title={t('ui.users.user_title')} />
          <Alert>{error}</Alert>
        </>
      )}
      {!user && !error && <Loading />}
      {user && (
        <>
          <PageHeader title={user.display_name || user.login} subtitle={user.login} />
          {query.get('created') && <Alert kind="success">{t('ui.users.created')}</Alert>}
          <AccountForm user={user} onSaved={setUser} />
          <ResetPassword user={user} />
          <Tokens user={user} />
        </>
      )}
    </>
  );
}

function AccountForm({ user, onSaved }: { user: UserAccount; onSaved: (user: UserAccount) => void }) {
  const roles = useRoles();
  const [displayName, setDisplayName] = useState(user.display_name);
  const [chosen, setChosen] = useState<string[]>(user.roles);
  const [disabled, setDisabled] = useState(user.disabled);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setErrors(NO_ERRORS);
    try {
      const updated = await api.patch<UserAccount>(`/api/v1/users/${encodeURIComponent(String(user.id))}`, {
        display_name: displayName.trim(),
        roles: chosen,
        disabled,
      });
      // Some servers answer 200 with an empty body; then our own values are the truth.
      onSaved(updated && typeof updated === 'object' && 'id' in updated ? updated : { ...user, display_name: displayName.trim(), roles: chosen, disabled });
      setSaved(true);
    } catch (error) {
      setErrors(formErrors(error, ['display_name', 'roles', 'disabled']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="account-title">
      <h2 id="account-title">{t('ui.users.account')}</h2>
      <form class="form" noValidate onSubmit={submit} data-testid="account-form">
        <ErrorList messages={errors.general} />
        {saved && <Alert kind="success">{t('ui.common.saved')}</Alert>}
        <TextField label={t('ui.users.display_name')} name="display_name" required value={displayName} onValue={setDisplayName} error={errors.fields.display_name} />
        <RoleCheckboxes roles={roles} value={chosen} onValue={setChosen} error={errors.fields.roles} />
        <CheckboxField label={t('ui.users.disable')} hint={t('ui.users.disable_hint')} name="disabled" checked={disabled} onChecked={setDisabled} error={errors.fields.disabled} />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ResetPassword({ user }: { user: UserAccount }) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setDone(false);
    setErrors(NO_ERRORS);
    try {
      await api.post(`/api/v1/users/${encodeURIComponent(String(user.id))}/password`, { new_password: password });
      setPassword('');
      setDone(true);
    } catch (error) {
      setErrors(formErrors(error, ['new_password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="reset-title">
      <h2 id="reset-title">{t('ui.users.reset_password')}</h2>
      <p class="muted">{t('ui.users.reset_password_help')}</p>
      <form class="form form-narrow" noValidate onSubmit={submit}>
        <ErrorList messages={errors.general} />
        {done && <Alert kind="success">{t('ui.users.password_reset_done')}</Alert>}
        <NewPasswordField label={t('ui.users.new_password')} name="new_password" value={password} onValue={setPassword} error={errors.fields.new_password} />
        <button type="submit" class="button" disabled={busy}>
          {t('ui.users.reset_password_submit')}
        </button>
      </form>
    </section>
  );
}

function Tokens({ user }: { user: UserAccount }) {
  const { locale } = useApp();
  const roles = useRoles();
  const base = `/api/v1/users/${encodeURIComponent(String(user.id))}/tokens`;
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState(String(TOKEN_DEFAULT_DAYS));
  const [mode, setMode] = useState<'read' | 'permissions'>('read');
  const [chosen, setChosen] = useState<string[]>([]);
  const held = heldPermissions(roles, user.roles);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [listError, setListError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const reload = () =>
    api
      .get<{ items: ApiToken[] }>(base)
      .then((data) => setTokens(data.items))
      .catch((err) => setListError(problemMessage(err)));

  // Changing the roles revokes the user's tokens on the server: the list is read again.
  useEffect(() => {
    reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [base, user.roles.join(' ')]);

  const create = async (event: Event) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    setCreated(null);
    setCopied(false);
    try {
      const token = await api.post<{ id: string | number; name: string; token: string }>(base, tokenRequest(name, days, mode, chosen));
      setCreated({ name: token.name, token: token.token });
      setName('');
      reload();
    } catch (error) {
      setErrors(formErrors(error, ['name', 'expires_in_days', 'scope']));
    }
  };

  const revoke = async (token: ApiToken) => {
    if (!window.confirm(t('ui.tokens.revoke_confirm', { name: token.name }))) return;
    try {
      await api.delete(`${base}/${encodeURIComponent(String(token.id))}`);
      reload();
    } catch (error) {
      setListError(problemMessage(error));
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
    } catch {
      // No clipboard permission: the token stays selectable in the field.
    }
  };

  return (
    <section class="section card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('ui.tokens.title')}</h2>
      <p class="muted">{t('ui.tokens.help')}</p>
      {listError && <Alert>{listError}</Alert>}
      {created && (
        <Alert kind="success">
          <p>{t('ui.tokens.created_once', { name: created.name })}</p>
          <div class="token-box">
            <label for="new-token" class="visually-hidden">
              {t('ui.tokens.token')}
            </label>
            <input id="new-token" class="token-value" readOnly value={created.token} data-testid="new-token" onFocus={(event) => (event.currentTarget as HTMLInputElement).select()} />
            <button type="button" class="button button-secondary" onClick={copy}>
              {copied ? t('ui.tokens.copied') : t('ui.tokens.copy')}
            </button>
          </div>
        </Alert>
      )}
      {tokens === null && !listError && <Loading />}
      {tokens && tokens.length === 0 && <p class="empty">{t('ui.tokens.empty')}</p>}
      {tokens && tokens.length > 0 && (
        <table class="table responsive-table" data-testid="tokens-table">
          <thead>
            <tr>
              <th scope="col">{t('ui.tokens.name')}</th>
              <th scope="col">{t('ui.tokens.created_at')}</th>
              <th scope="col">{t('ui.tokens.last_used_at')}</th>
              <th scope="col">{t('ui.tokens.expires_at')}</th>
              <th scope="col">{t('ui.tokens.scope')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('ui.common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={String(token.id)}>
                <th scope="row" data-label={t('ui.tokens.name')}>
                  {token.name}
                </th>
                <td data-label={t('ui.tokens.created_at')}>{formatDateTime(token.created_at, locale)}</td>
                <td data-label={t('ui.tokens.last_used_at')}>{token.last_used_at ? formatDateTime(token.last_used_at, locale) : t('ui.tokens.never_used')}</td>
                <td data-label={t('ui.tokens.expires_at')} data-testid="token-expires">
                  {token.expires_at ? formatDateTime(token.expires_at, locale) : '—'}
                  {token.expired && <span class="badge"> {t('ui.tokens.expired')}</span>}
                </td>
                <td data-label={t('ui.tokens.scope')} data-testid="token-scope">
                  {scopeText(token.scope, { read: t('ui.tokens.scope_read'), all: t('ui.tokens.scope_all') }, (permission) => tOr('ui.permission.', permission))}
                </td>
                <td>
                  <button type="button" class="button button-danger button-small" onClick={() => revoke(token)}>
                    {t('ui.tokens.revoke')}
                    <span class="visually-hidden"> {token.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="form form-inline" noValidate onSubmit={create}>
        <ErrorList messages={errors.general} />
        <TextField label={t('ui.tokens.new_name')} name="token_name" autoComplete="off" value={name} onValue={setName} error={errors.fields.name} />
        <TextField
          label={t('ui.tokens.expires_in_days')}
          name="expires_in_days"
          type="number"
          min={1}
          max={TOKEN_MAX_DAYS}
          inputMode="numeric"
          hint={t('ui.tokens.expires_hint')}
          value={days}
          onValue={setDays}
          error={errors.fields.expires_in_days}
        />
        <fieldset class={`token-scope${errors.fields.scope ? ' field-invalid' : ''}`} aria-describedby={errors.fields.scope ? 'token-scope-error' : undefined}>
          <legend>{t('ui.tokens.scope')}</legend>
          <div class="field-check">
            <input id="token-scope-read" type="radio" name="token_scope" value="read" checked={mode === 'read'} onChange={() => setMode('read')} />
            <label for="token-scope-read">{t('ui.tokens.scope_read')}</label>
          </div>
          <div class="field-check">
            <input id="token-scope-permissions" type="radio" name="token_scope" value="permissions" checked={mode === 'permissions'} onChange={() => setMode('permissions')} />
            <label for="token-scope-permissions">{t('ui.tokens.scope_permissions')}</label>
          </div>
          {mode === 'permissions' && (
            <div class="token-permissions">
              {held.length === 0 && <p class="muted">{t('ui.common.loading')}</p>}
              {held.map((permission) => (
                <CheckboxField
                  key={permission}
                  label={tOr('ui.permission.', permission)}
                  name="token_permissions"
                  value={permission}
                  checked={chosen.includes(permission)}
                  onChecked={(on) => setChosen(on ? [...chosen, permission] : chosen.filter((p) => p !== permission))}
                />
              ))}
              {chosen.length === 0 && <p class="field-hint">{t('ui.tokens.scope_pick')}</p>}
            </div>
          )}
          {errors.fields.scope && (
            <p class="field-error" id="token-scope-error" data-field-error>
              {errors.fields.scope}
            </p>
          )}
        </fieldset>
        <button type="submit" class="button">
          {t('ui.tokens.create')}
        </button>
      </form>
    </section>
  );
}
