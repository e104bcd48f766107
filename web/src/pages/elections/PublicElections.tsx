// On the institution's public page: its elections, each linking to its public page (ELEC-1).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { PublicElection } from './elections';
import { PhaseBadge } from './parts';

export function PublicElections({ institutionId }: { institutionId: string }) {
  const { locale } = useApp();
  const [items, setItems] = useState<PublicElection[]>([]);
  useEffect(() => {
    let live = true;
    api
      .get<{ items: PublicElection[] }>(`/api/v1/public/institutions/${encodeURIComponent(institutionId)}/elections`, { allowUnauthenticated: true })
      .then((page) => live && setItems(page.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [institutionId, locale]);
  if (items.length === 0) return null;
  return (
    <section class="section card" data-testid="public-elections">
      <h2>{t('ui.election.list_title')}</h2>
      <ul class="plain-list">
        {items.map((e) => (
          <li key={String(e.id)} data-election-id={String(e.id)}>
            <Link href={`/public/${encodeURIComponent(institutionId)}/elections/${encodeURIComponent(String(e.id))}`}>{e.title}</Link> <PhaseBadge phase={e.phase} />{' '}
            <span class="muted">{formatDate(e.election_day, locale)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
