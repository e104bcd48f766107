// "Needs you": what waits for the signed-in person, gathered from every module by the server,
// each entry a link to the page where they act. Shown at the top of every home page.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { needValues, type Need } from './home';

export function NeedsYou() {
  const { locale } = useApp();
  const [needs, setNeeds] = useState<Need[] | null>(null);
  useEffect(() => {
    let live = true;
    api
      .get<{ items: Need[] }>('/api/v1/me/needs')
      .then((page) => live && setNeeds(page.items))
      .catch(() => live && setNeeds([]));
    return () => {
      live = false;
    };
  }, [locale]);
  if (needs === null) return null;
  return (
    <section class="section card needs" aria-labelledby="home-needs" data-testid="needs-you">
      <h2 id="home-needs">{t('ui.needs.title')}</h2>
      {needs.length === 0 ? (
        <p class="muted" data-testid="needs-none">
          {t('ui.needs.none')}
        </p>
      ) : (
        <ul class="plain-list needs-list">
          {needs.map((need, i) => (
            <li key={`${need.kind}-${need.link}-${i}`} data-testid="need" data-kind={need.kind}>
              <Link href={need.link}>{t(`needs.${need.kind}`, needValues(need, locale))}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
