// The institution's public awards page (AWD-1 "publication on the website"): only the awards the
// institution chose to publish; no sign-in.
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';

interface PublicAward {
  id: number | string;
  kind: string;
  kind_name: string;
  recipient_kind: string;
  recipient_name: string;
  reason: string;
  place: number | null;
  academic_year: string;
  issued_on: string;
}

export function PublicAwardsPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded] = useResource<{ institution: string; items: PublicAward[] }>(`/api/v1/public/institutions/${encodeURIComponent(params.institutionId)}/awards`, [locale]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <Alert>{loaded.message}</Alert>;
  return (
    <div data-testid="public-awards">
      <PageHeader title={t('ui.awards.public_title')} subtitle={loaded.data.institution} />
      {loaded.data.items.length === 0 ? (
        <p class="muted">{t('ui.awards.none')}</p>
      ) : (
        <ul class="plain-list card-list">
          {loaded.data.items.map((a) => (
            <li key={String(a.id)} class="card" data-testid="public-award">
              <h2>
                {a.kind_name}
                {a.place ? ` · ${t('awards.place', { place: a.place })}` : ''}
              </h2>
              <p>
                <strong>{a.recipient_name}</strong>
              </p>
              <p class="pre-line">{a.reason}</p>
              <p class="muted">{formatDate(a.issued_on, locale)} · {a.academic_year}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
