// Pieces the election pages share: the calendar, simple bars, a refusal-aware action, the section
// frame and its props, and the per-language PDF links.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, saveBlob } from '../../api';
import { ErrorList } from '../../components/Alert';
import { useApp } from '../../context';
import { withBom } from '../../csv';
import { formErrors, NO_ERRORS, ruleOf, type FormErrors } from '../../errors';
import { formatDate } from '../../format';
import { LOCALES, t } from '../../i18n';
import { barPercent, lastRegistrationDay, wallTime, type Election, type Phase } from './elections';

export function PhaseBadge({ phase }: { phase: Phase }) {
  return (
    <span class={`badge badge-phase-${phase}`} data-testid="phase" data-phase={phase}>
      {t(`ui.election.phase.${phase}`)}
    </span>
  );
}

export function CalendarList({ day, registrationCloses, silenceStarts, votingOpens, votingCloses }: { day: string; registrationCloses: string; silenceStarts?: string; votingOpens: string; votingCloses: string }) {
  const { locale } = useApp();
  return (
    <dl class="election-calendar" data-testid="election-calendar">
      <dt>{t('ui.election.registration_closes')}</dt>
      <dd>{t('ui.election.registration_until', { date: formatDate(lastRegistrationDay(registrationCloses), locale) })}</dd>
      {silenceStarts && (
        <>
          <dt>{t('ui.election.silence_starts')}</dt>
          <dd>{formatDate(silenceStarts.slice(0, 10), locale)} {wallTime(silenceStarts)}</dd>
        </>
      )}
      <dt>{t('ui.election.day')}</dt>
      <dd data-testid="election-day" data-date={day}>
        {formatDate(day, locale)}, {t('ui.election.voting_hours', { opens: wallTime(votingOpens), closes: wallTime(votingCloses) })}
      </dd>
    </dl>
  );
}

export function Bars({ rows, testid }: { rows: { key: string; label: string; value: number; note?: string }[]; testid?: string }) {
  const max = Math.max(0, ...rows.map((row) => row.value));
  return (
    <ul class="bars plain-list" data-testid={testid}>
      {rows.map((row) => (
        <li key={row.key} class="bar-row" data-key={row.key} data-value={row.value}>
          <span class="bar-label">{row.label}</span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${barPercent(row.value, max)}%` }} />
          </span>
          <span class="bar-value">
            {row.value}
            {row.note ? ` ${row.note}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * A refusal's per-field message comes from the same catalog entry as its detail; when the server
 * left the field's copy without its values ("{found}"), the formatted detail is shown instead.
 */
export function withFormattedFields(errors: FormErrors, error: unknown): FormErrors {
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  if (!detail) return errors;
  const fields: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors.fields)) fields[field] = /\{[a-z_]+\}/.test(message) ? detail : message;
  return { ...errors, fields };
}

/** Runs a request; a refusal is kept per field (next to the inputs named in `fields`) and in general. */
export function useAction(fields: readonly string[] = []) {
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setErrors(NO_ERRORS);
    setRule(null);
    try {
      await work();
      return true;
    } catch (error) {
      setErrors(withFormattedFields(formErrors(error, fields), error));
      setRule(ruleOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const fail = (field: string, message: string) => setErrors({ fields: { [field]: message }, general: [] });
  const clear = () => {
    setErrors(NO_ERRORS);
    setRule(null);
  };
  return { errors, rule, busy, run, fail, clear, alert: <ErrorList messages={errors.general} rule={rule} /> };
}

/** What a section of the commission's workspace gets: the election and a way to reload it. */
export type ElectionSectionProps = { election: Election; onChanged: () => Promise<void> };

export function Section({ title, testid, children }: { title: string; testid: string; children: ComponentChildren }) {
  return (
    <section class="section card" data-testid={testid}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** One link per interface language to a PDF (`path?lang=kk`, …), tested as `${testid}-${lang}`. */
export function PdfLinks({ path, testid }: { path: string; testid: string }) {
  return (
    <>
      {LOCALES.map((l) => (
        <a key={l} href={`${path}?lang=${l}`} data-testid={`${testid}-${l}`} class="pdf-link">
          {l.toUpperCase()}{' '}
        </a>
      ))}
    </>
  );
}

/**
 * Saves a CSV the server sent (the answer to a POST) as a file, through a temporary object URL;
 * with the BOM that fetch dropped, without which Excel misreads Kazakh and Russian letters.
 */
export function saveText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(new Blob([withBom(text)], { type }), filename);
}
