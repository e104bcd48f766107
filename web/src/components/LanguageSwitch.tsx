import { LOCALES, t } from '../i18n';
import { useApp } from '../context';

/** ҚАЗ / РУС / ENG. Each button names its language in that language for screen readers. */
export function LanguageSwitch() {
  const { locale, changeLocale } = useApp();
  return (
    <div class="lang-switch" role="group" aria-label={t('ui.lang.label')}>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          class="lang-button"
          aria-pressed={code === locale ? 'true' : 'false'}
          aria-label={t(`ui.lang.${code}.name`)}
          data-locale={code}
          onClick={() => changeLocale(code)}
        >
          {t(`ui.lang.${code}.short`)}
        </button>
      ))}
    </div>
  );
}
