import type { ComponentChildren } from 'preact';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { t } from '../../i18n';
import { STRUCTURE_TABS } from './structure';

/** Header, section tabs and (for read-only roles) a note shared by every structure page. */
export function StructureFrame({ tab, title, actions, children }: { tab: string; title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  const { user, can } = useApp();
  return (
    <>
      <PageHeader title={title} subtitle={user?.institution?.name}>
        {actions}
      </PageHeader>
      <nav class="subnav" aria-label={t('ui.structure.tabs_label')}>
        <ul>
          {STRUCTURE_TABS.map((item) => (
            <li key={item.path}>
              <Link href={item.path} aria-current={item.path === tab ? 'page' : undefined} data-tab={item.path}>
                {t(item.labelKey)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!can('institution.manage') && (
        <p class="note" data-testid="read-only-note">
          {t('ui.structure.read_only')}
        </p>
      )}
      {children}
    </>
  );
}
