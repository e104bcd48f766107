// The administrator's setup checklist: the steps of putting a school to work, each linking to its
// page and ticked by the server from what exists. Hidden once every step is done.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { nextStep, type Setup } from './home';

export function SetupChecklist() {
  const { can, locale } = useApp();
  const [setup, setSetup] = useState<Setup | null>(null);
  const allowed = can('institution.manage');
  useEffect(() => {
    if (!allowed) return;
    let live = true;
    api
      .get<Setup>('/api/v1/setup')
      .then((data) => live && setSetup(data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [allowed, locale]);
  if (!setup || setup.done === setup.total) return null;
  const next = nextStep(setup);
  return (
    <section class="section card" aria-labelledby="home-setup" data-testid="setup-checklist">
      <h2 id="home-setup">{t('ui.setup.title')}</h2>
      <p class="muted">{t('ui.setup.progress', { done: setup.done, total: setup.total })}</p>
      <ol class="checklist">
        {setup.steps.map((step) => (
          <li key={step.key} class={step.done ? 'checklist-done' : undefined} data-testid={`setup-${step.key}`} data-done={String(step.done)}>
            <span class="checklist-mark" aria-hidden="true">
              {step.done ? '✓' : '○'}
            </span>
            <Link href={step.link}>{t(`ui.setup.${step.key}`)}</Link>
            <span class="visually-hidden">{step.done ? t('ui.setup.done') : t('ui.setup.todo')}</span>
            {step === next && <span class="badge">{t('ui.setup.next')}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
