import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';

/** The page's h1; also keeps the browser tab title in step with it. */
export function PageHeader({ title, children, subtitle }: { title: string; subtitle?: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} · ${t('ui.app.name')}`;
  }, [title]);
  return (
    <div class="page-header">
      <div>
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {subtitle && <p class="page-subtitle">{subtitle}</p>}
      </div>
      {children && <div class="page-actions">{children}</div>}
    </div>
  );
}
