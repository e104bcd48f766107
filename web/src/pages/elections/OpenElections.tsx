// On the home page: a card that leads to the voting booth while an election's voting is open.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { wallTime, type Election } from './elections';

export function OpenElections() {
  const { can, locale } = useApp();
  const [open, setOpen] = useState<Election[]>([]);
  const allowed = can('elections.read');
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    api
      .get<{ items: Election[] }>('/api/v1/elections')
      .then((page) => live && setOpen(page.items.filter((e) => e.voting_open)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [allowed, locale]);
  if (open.length === 0) return null;
  return (
    <>
      {open.map((e) => (
        <section key={String(e.id)} class="card vote-card" data-testid="vote-card" data-election-id={String(e.id)}>
          <h2>{t('ui.vote.card_title', { title: e.title })}</h2>
          <p>{t('ui.vote.card_text', { closes: wallTime(e.calendar.voting_closes) })}</p>
          <Link href={`/elections/${encodeURIComponent(String(e.id))}/vote`} class="button button-large" data-testid="vote-card-link">
            {t('ui.vote.go')}
          </Link>
        </section>
      ))}
    </>
  );
}
