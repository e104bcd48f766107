import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { PersonDetail } from '../../types';
import { PersonFacts } from './PersonFacts';
import { RepresentativesSection } from './RepresentativesSection';
import { PenaltiesSection } from '../elections/PenaltiesSection';
import { DisciplineRecordSection } from '../discipline/DisciplineRecordSection';
import { AccountSection } from '../activate/AccountSection';
import { NoticeDeliveriesSection } from './NoticeDeliveriesSection';

export function PersonPage({ params, search }: RouteProps) {
  const { can, locale } = useApp();
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saved = new URLSearchParams(search).get('saved');

  const path = `/api/v1/people/${encodeURIComponent(params.id)}`;
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    api
      .get<PersonDetail>(path, { signal: controller.signal })
      .then(setPerson)
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));
    return () => controller.abort();
  }, [path, locale]);

  // After a representative was linked or unlinked: the page stays, only the data changes.
  const reload = async () => {
    try {
      setPerson(await api.get<PersonDetail>(path));
    } catch (err) {
      setError(problemMessage(err));
    }
  };
  const manageRepresentatives = !!person?.student && can('people.write');

  return (
    <>
      <p class="breadcrumb">
        <Link href="/people">{t('ui.people.back_to_list')}</Link>
      </p>
      {error && (
        <>
          <PageHeader title={t('ui.person.title')} />
          <Alert>{error}</Alert>
        </>
      )}
      {!error && !person && <Loading />}
      {person && (
        <>
          <PageHeader title={person.full_name} subtitle={person.student?.group_name ?? person.staff?.position ?? undefined}>
            {can('people.write') && (
              <Link href={`/people/${encodeURIComponent(String(person.id))}/edit`} class="button">
                {t('ui.common.edit')}
              </Link>
            )}
          </PageHeader>
          {saved && <Alert kind="success">{t(saved === 'created' ? 'ui.person.created' : 'ui.person.saved')}</Alert>}
          <section class="card">
            <PersonFacts person={person} hideRepresentatives={manageRepresentatives} />
          </section>
          {manageRepresentatives && <RepresentativesSection person={person} onChanged={reload} />}
          {can('users.manage') && <AccountSection personId={Number(person.id)} />}
          {can('penalties.manage') && <PenaltiesSection personId={person.id} />}
          {person.student && <DisciplineRecordSection personId={person.id} />}
          {/* The same people see the person's details and their delivery record: the administration and the curator of the group. */}
          {can('people.read') && person.restricted === false && <NoticeDeliveriesSection personId={person.id} />}
        </>
      )}
    </>
  );
}
