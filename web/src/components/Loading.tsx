import { t } from '../i18n';

export function Loading({ label }: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('ui.common.loading')}
    </p>
  );
}
