import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { fetchMe } from '../../auth';
import { Alert, ErrorList } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { NewPasswordField } from '../../components/PasswordField';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, type FormErrors } from '../../errors';
import { t, tOr } from '../../i18n';
import { visibleNavItems } from '../../nav';
import type { RouteProps } from '../../routes';
import type { Me } from '../../types';
import { PersonFacts } from '../people/PersonFacts';
import { OpenElections } from '../elections/OpenElections';
import { hasSessions, type Overview } from './home';
import { CalendarFeed } from './CalendarFeed';
import { NeedsYou } from './NeedsYou';
import { OverviewSections } from './OverviewSections';
import { SetupChecklist } from './SetupChecklist';

/** The signed-in person's own page: who they are, their modules, their password. */
export function HomePage(_props: RouteProps) {
  const { user, locale } = useApp();
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [overview, setOverview] = useState<Overview | null>(null);
  const personId = user?.person_id;

  useEffect(() => {
    let live = true;
    fetchMe()
      .then((data) => live && setMe(data))
      .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    return () => {
      live = false;
    };
  }, [locale]);

  useEffect(() => {
    if (personId == null) return;
    let live = true;
    api
      .get<Overview>(`/api/v1/people/${encodeURIComponent(String(personId))}/overview`)
      .then((data) => live && setOverview(data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [personId, locale]);

  if (!user) return null;
  const modules = visibleNavItems(user.permissions);
  return (
    <>
      <PageHeader title={t('ui.home.greeting', { name: user.display_name || user.login })} subtitle={user.institution?.name} />
      {error && <Alert>{error}</Alert>}
      <NeedsYou />
      <SetupChecklist />
      <OpenElections />
      {overview && <OverviewSections overview={overview} own />}
      {user.institution && (
        <p>
          <Link href={`/public/${encodeURIComponent(String(user.institution.id))}`} data-testid="public-page-link">
            {t('ui.public.link')}
          </Link>
        </p>
      )}
      {hasSessions(overview) && (
        <section class="section card" aria-labelledby="home-calendar">
          <h2 id="home-calendar">{t('ui.home.add_to_calendar')}</h2>
          <p class="muted">{t('ui.home.add_to_calendar_hint')}</p>
          <a href="/api/v1/me/calendar.ics" type="text/calendar" class="button button-secondary" data-testid="my-calendar">
            {t('ui.home.add_to_calendar')}
          </a>
          <CalendarFeed />
        </section>
      )}
      {modules.length > 0 && (
        <section class="section" aria-labelledby="home-modules">
          <h2 id="home-modules">{t('ui.home.modules')}</h2>
          <ul class="tiles">
            {modules.map((item) => (
              <li key={item.path}>
                <Link href={item.path} class="tile">
                  <span class="tile-title">{t(item.labelKey)}</span>
                  <span class="tile-text">{t(`${item.labelKey}_hint`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="section card" aria-labelledby="home-account">
        <h2 id="home-account">{t('ui.home.account')}</h2>
        <dl class="facts">
          <div>
            <dt>{t('ui.users.login')}</dt>
            <dd>{user.login}</dd>
          </div>
          <div>
            <dt>{t('ui.users.roles')}</dt>
            <dd>{user.roles.map((role) => tOr('ui.role.', role)).join(', ') || '—'}</dd>
          </div>
        </dl>
      </section>
      {!me && !error && <Loading />}
      {me?.person && (
        <section class="section card" aria-labelledby="home-person">
          <h2 id="home-person">{t('ui.home.my_record')}</h2>
          <PersonFacts person={me.person} hideChildren={me.children.length > 0} />
        </section>
      )}
      {me && me.children.length > 0 && (
        <section class="section card" aria-labelledby="home-children">
          <h2 id="home-children">{t('ui.home.children')}</h2>
          <ul class="plain-list">
            {me.children.map((child) => (
              <li key={String(child.id)}>
                <Link href={`/children/${encodeURIComponent(String(child.id))}`} data-testid="child-link">
                  {child.full_name}
                </Link>
                {child.student?.group_name && <span class="muted"> · {child.student.group_name}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ChangePassword login={user.login} />
    </>
  );
}

function ChangePassword({ login }: { login: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setDone(false);
    setErrors(NO_ERRORS);
    try {
      await api.post('/api/v1/me/password', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (error) {
      setErrors(formErrors(error, ['current_password', 'new_password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="home-password">
      <h2 id="home-password">{t('ui.home.change_password')}</h2>
      <form class="form form-narrow" onSubmit={submit} noValidate>
        <ErrorList messages={errors.general} />
        {done && <Alert kind="success">{t('ui.home.password_changed')}</Alert>}
        {/* Lets password managers file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={login} readOnly hidden />
        <TextField label={t('ui.home.current_password')} name="current_password" type="password" autoComplete="current-password" value={current} onValue={setCurrent} error={errors.fields.current_password} />
        <NewPasswordField label={t('ui.home.new_password')} name="new_password" value={next} onValue={setNext} error={errors.fields.new_password} />
        <button type="submit" class="button" disabled={busy}>
          {t('ui.home.change_password_submit')}
        </button>
      </form>
    </section>
  );
}
