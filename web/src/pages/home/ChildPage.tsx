// A parent's (or curator's) view of one student: what each module allows them to see about the
// child, gathered by GET /api/v1/people/{id}/overview.
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
import type { Overview } from './home';
import { FamilySection } from './FamilySection';
import { OverviewSections } from './OverviewSections';

export function ChildPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = params.id;
  useEffect(() => {
    let live = true;
    setOverview(null);
    setError(null);
    api
      .get<Overview>(`/api/v1/people/${encodeURIComponent(id)}/overview`)
      .then((data) => live && setOverview(data))
      .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    return () => {
      live = false;
    };
  }, [id, locale]);
  return (
    <>
      <PageHeader title={overview?.full_name ?? t('ui.overview.title')} subtitle={overview?.group_name ?? undefined} />
      <p>
        <Link href="/">{t('ui.overview.back_home')}</Link>
      </p>
      {error && <Alert>{error}</Alert>}
      {!overview && !error && <Loading />}
      {overview && <OverviewSections overview={overview} own={false} />}
      {overview && <FamilySection />}
    </>
  );
}
