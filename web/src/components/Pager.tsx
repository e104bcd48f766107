import { t } from '../i18n';
import { pageInfo } from '../pagination';

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  shown: number;
  onOffset: (offset: number) => void;
}

/** "1–50 of 312" with previous/next buttons. */
export function Pager({ total, limit, offset, shown, onOffset }: PagerProps) {
  const info = pageInfo(total, limit, offset, shown);
  return (
    <nav class="pager" aria-label={t('ui.pager.label')}>
      <p class="pager-range" aria-live="polite" data-testid="pager-range">
        {t('ui.pager.range', { from: info.from, to: info.to, total: info.total })}
      </p>
      <div class="pager-buttons">
        <button type="button" class="button button-secondary" disabled={info.prevOffset === null} onClick={() => info.prevOffset !== null && onOffset(info.prevOffset)}>
          <span aria-hidden="true">← </span>
          {t('ui.pager.previous')}
        </button>
        <span class="pager-page">{t('ui.pager.page', { page: info.page, pages: info.pages })}</span>
        <button type="button" class="button button-secondary" disabled={info.nextOffset === null} onClick={() => info.nextOffset !== null && onOffset(info.nextOffset)}>
          {t('ui.pager.next')}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
    </nav>
  );
}
