import { LOCALES, t } from '../i18n';
import { useApp } from '../context';

/**
 * ҚАЗ / РУС / ENG. Each button's accessible name is its visible abbreviation followed by the
 * language's full name in that language ("ҚАЗ Қазақша"): speech-input users say what they see
 * (WCAG 2.5.3, label in name), screen readers still hear the language in full.
 */
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
          aria-label={`${t(`ui.lang.${code}.short`)} ${t(`ui.lang.${code}.name`)}`}
          data-locale={code}
          onClick={() => changeLocale(code)}
        >
          {t(`ui.lang.${code}.short`)}
        </button>
      ))}
    </div>
  );
}
