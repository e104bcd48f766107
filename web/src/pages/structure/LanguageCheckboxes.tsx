import { useId } from 'preact/hooks';
import { LOCALES, t } from '../../i18n';
import { orderedLanguages } from './structure';

/** The working languages of an institution: kk, ru, en, each named in its own language. */
export function LanguageCheckboxes({ value, onValue, error }: { value: readonly string[]; onValue: (languages: string[]) => void; error?: string }) {
  const id = `langs-${useId()}`;
  return (
    <fieldset class={`choice-row${error ? ' field-invalid' : ''}`} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <legend>{t('ui.institution.languages')}</legend>
      {LOCALES.map((code) => (
        <div class="field-check" key={code}>
          <input
            id={`${id}-${code}`}
            type="checkbox"
            name="languages"
            value={code}
            checked={value.includes(code)}
            aria-invalid={error ? 'true' : undefined}
            onChange={(event) => {
              const on = (event.currentTarget as HTMLInputElement).checked;
              onValue(orderedLanguages(on ? [...value, code] : value.filter((item) => item !== code)));
            }}
          />
          <label for={`${id}-${code}`} lang={code}>
            {t(`ui.lang.${code}.name`)}
          </label>
        </div>
      ))}
      <p class="field-hint" id={`${id}-hint`}>
        {t('ui.institution.languages_hint')}
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`} data-field-error>
          {error}
        </p>
      )}
    </fieldset>
  );
}
