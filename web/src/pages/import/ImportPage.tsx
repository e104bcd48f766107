import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, isAbort, uploadFile, withQuery } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { formatBytes } from '../../format';
import { t, tOr } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { ImportPreview, ImportResult, ImportRowError, ImportUpload } from '../../types';
import { invalidateGroups } from '../people/groups';
import { IssueAccountsPanel } from '../activate/IssueAccountsPanel';
import { columnName, duplicateColumns, mappingFromSelection, percent, selectionFromMapping, sortRowErrors } from './import-helpers';

type Step = 'choose' | 'mapping' | 'preview' | 'done';
const STEPS: Step[] = ['choose', 'mapping', 'preview', 'done'];
type Busy = null | 'upload' | 'preview' | 'commit' | 'cancel';

export function ImportPage(_props: RouteProps) {
  const { can, locale } = useApp();
  const [step, setStep] = useState<Step>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<ImportUpload | null>(null);
  const [selection, setSelection] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[]>([]);
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState({ loaded: 0, total: 0 });
  const [error, setErrorList] = useState<string[]>([]);
  const setError = (message: string | null) => setErrorList(message ? [message] : []);
  /** A refused preview/commit: per-row problems go to the table, the rest to the alert. */
  const showFailure = (err: unknown) => {
    const problems = err instanceof ApiError ? (err.fieldErrors as ImportRowError[]) : [];
    const rows = problems.filter((problem) => typeof problem.line === 'number');
    const other = problems.filter((problem) => typeof problem.line !== 'number').map((problem) => problem.message ?? tOr('field.', problem.code));
    setErrorList([problemMessage(err), ...other]);
    setRowErrors(rows);
  };
  const [notice, setNotice] = useState<string | null>(null);
  const uploadAbort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Leaving the page half-way drops the pending upload on the server (nothing was written).
  const pending = useRef<ImportUpload | null>(null);
  pending.current = upload && step !== 'done' ? upload : null;
  useEffect(
    () => () => {
      uploadAbort.current?.abort();
      if (pending.current) api.delete(`/api/v1/imports/${encodeURIComponent(String(pending.current.id))}`).catch(() => undefined);
    },
    [],
  );

  const restart = (message: string | null) => {
    setStep('choose');
    setUpload(null);
    setPreview(null);
    setResult(null);
    setRowErrors([]);
    setSelection({});
    setFile(null);
    setProgress({ loaded: 0, total: 0 });
    setError(null);
    setNotice(message);
    if (fileInput.current) fileInput.current.value = '';
  };

  const startUpload = async (event: Event) => {
    event.preventDefault();
    if (!file) {
      setError(t('ui.import.choose_file_first'));
      return;
    }
    setBusy('upload');
    setError(null);
    setNotice(null);
    setProgress({ loaded: 0, total: file.size });
    const controller = new AbortController();
    uploadAbort.current = controller;
    try {
      const uploaded = await uploadFile<ImportUpload>(
        withQuery('/api/v1/imports', { filename: file.name }),
        file,
        (p) => setProgress(p),
        controller.signal,
      );
      setUpload(uploaded);
      setSelection(selectionFromMapping(uploaded.fields, uploaded.mapping));
      setStep('mapping');
    } catch (err) {
      if (!isAbort(err)) setError(problemMessage(err));
    } finally {
      uploadAbort.current = null;
      setBusy(null);
    }
  };

  const cancel = async () => {
    if (uploadAbort.current) {
      uploadAbort.current.abort();
      restart(t('ui.import.cancelled'));
      return;
    }
    if (!upload || step === 'done') {
      restart(null);
      return;
    }
    setBusy('cancel');
    try {
      await api.delete(`/api/v1/imports/${encodeURIComponent(String(upload.id))}`);
      restart(t('ui.import.cancelled'));
    } catch (err) {
      setError(problemMessage(err));
    } finally {
      setBusy(null);
    }
  };

  /** "Upload a corrected file": drop this upload on the server, then start over. */
  const replaceFile = async () => {
    if (upload) {
      try {
        await api.delete(`/api/v1/imports/${encodeURIComponent(String(upload.id))}`);
      } catch {
        // Nothing was written by this upload anyway; starting over is what matters.
      }
    }
    restart(t('ui.import.upload_corrected_hint'));
  };

  const runPreview = async () => {
    if (!upload) return;
    setBusy('preview');
    setError(null);
    setRowErrors([]);
    try {
      const data = await api.post<ImportPreview>(`/api/v1/imports/${encodeURIComponent(String(upload.id))}/preview`, { mapping: mappingFromSelection(selection) });
      setPreview(data);
      setStep('preview');
    } catch (err) {
      showFailure(err);
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!upload) return;
    setBusy('commit');
    setError(null);
    setRowErrors([]);
    try {
      const data = await api.post<ImportResult>(`/api/v1/imports/${encodeURIComponent(String(upload.id))}/commit`, { mapping: mappingFromSelection(selection) });
      invalidateGroups();
      setResult(data);
      setStep('done');
    } catch (err) {
      showFailure(err);
    } finally {
      setBusy(null);
    }
  };

  const stepIndex = STEPS.indexOf(step);
  return (
    <>
      <PageHeader title={t('ui.import.title')} subtitle={t('ui.import.subtitle')} />
      <ol class="stepper" aria-label={t('ui.import.steps_label')}>
        {STEPS.map((name, index) => (
          <li key={name} class={index < stepIndex ? 'is-done' : index === stepIndex ? 'is-current' : undefined} aria-current={index === stepIndex ? 'step' : undefined}>
            <span class="stepper-number" aria-hidden="true">{index + 1}</span>
            <span class="stepper-label">{t(`ui.import.step.${name}`)}</span>
          </li>
        ))}
      </ol>
      {notice && <Alert kind="info">{notice}</Alert>}
      <ErrorList messages={error} />
      {rowErrors.length > 0 && upload && <RowErrorTable errors={rowErrors} columns={upload.columns} />}

      {step === 'choose' && (
        <form class="card form" onSubmit={startUpload} data-step="choose">
          <h2>{t('ui.import.step.choose')}</h2>
          <p>{t('ui.import.choose_help')}</p>
          <div class="field">
            <span class="field-label" id="import-file-label">
              {t('ui.import.file_label')}
            </span>
            {/* The native control's own text follows the browser's language, not ours: it is
                hidden visually (still focusable) behind a button-like label in the UI language. */}
            <div class="file-picker">
              <input
                ref={fileInput}
                id="import-file"
                class="file-input"
                name="file"
                type="file"
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-labelledby="import-file-label import-file-button import-file-name"
                disabled={busy === 'upload'}
                onChange={(event) => {
                  const chosen = (event.currentTarget as HTMLInputElement).files?.[0] ?? null;
                  setFile(chosen);
                  setError(null);
                }}
              />
              <label for="import-file" id="import-file-button" class="button button-secondary">
                {t('ui.import.choose_file')}
              </label>
              <span id="import-file-name" class="file-name">
                {file ? t('ui.import.file_chosen', { name: file.name, size: formatBytes(file.size, locale) }) : t('ui.import.no_file')}
              </span>
            </div>
          </div>
          {busy === 'upload' && (
            <div class="progress-block">
              <label for="upload-progress">{t('ui.import.uploading', { percent: percent(progress.loaded, progress.total) })}</label>
              <progress id="upload-progress" max={100} value={percent(progress.loaded, progress.total)} />
            </div>
          )}
          <div class="form-actions">
            <button type="submit" class="button" disabled={!file || busy === 'upload'}>
              {t('ui.import.upload')}
            </button>
            <button type="button" class="button button-secondary" onClick={cancel} disabled={!file && busy !== 'upload'}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      )}

      {step === 'mapping' && upload && (
        <MappingStep upload={upload} selection={selection} onSelection={setSelection} busy={busy} onPreview={runPreview} onCancel={cancel} />
      )}

      {step === 'preview' && upload && preview && (
        <section class="card" data-step="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">{t('ui.import.step.preview')}</h2>
          <dl class="stats" data-testid="preview-stats">
            <Stat label={t('ui.import.stat.rows')} value={preview.rows} />
            <Stat label={t('ui.import.stat.creates')} value={preview.creates} testid="stat-creates" />
            <Stat label={t('ui.import.stat.updates')} value={preview.updates} testid="stat-updates" />
            <Stat label={t('ui.import.stat.representatives')} value={preview.representatives} />
            <Stat label={t('ui.import.stat.new_groups')} value={preview.new_groups.length} />
            <Stat label={t('ui.import.stat.errors')} value={preview.errors.length} testid="stat-errors" />
          </dl>
          {preview.new_groups.length > 0 && (
            <p>
              {t('ui.import.new_groups_list')} <strong>{preview.new_groups.join(', ')}</strong>
            </p>
          )}
          <GeneratedNumbers preview={preview} />
          {preview.errors.length > 0 ? (
            <>
              <Alert kind="warning">
                <p>{t('ui.import.preview_has_errors', { count: preview.errors.length })}</p>
              </Alert>
              <RowErrorTable errors={preview.errors} columns={upload.columns} />
              <div class="form-actions">
                <button type="button" class="button" onClick={replaceFile} disabled={busy !== null}>
                  {t('ui.import.upload_corrected')}
                </button>
                <button type="button" class="button button-secondary" onClick={() => setStep('mapping')} disabled={busy !== null}>
                  {t('ui.import.back_to_mapping')}
                </button>
                <button type="button" class="button button-secondary" onClick={cancel} disabled={busy !== null}>
                  {t('ui.common.cancel')}
                </button>
              </div>
            </>
          ) : (
            <>
              <Alert kind="success">
                <p>{t('ui.import.preview_ok', { count: preview.rows })}</p>
              </Alert>
              {busy === 'commit' && (
                <div class="progress-block">
                  <label for="commit-progress">{t('ui.import.committing')}</label>
                  <progress id="commit-progress" />
                </div>
              )}
              <div class="form-actions">
                <button type="button" class="button" onClick={commit} disabled={busy !== null} data-testid="import-commit">
                  {t('ui.import.commit', { count: preview.rows })}
                </button>
                <button type="button" class="button button-secondary" onClick={() => setStep('mapping')} disabled={busy !== null}>
                  {t('ui.import.back_to_mapping')}
                </button>
                <button type="button" class="button button-secondary" onClick={cancel} disabled={busy !== null}>
                  {t('ui.common.cancel')}
                </button>
              </div>
            </>
          )}
        </section>
      )}

      {step === 'done' && result && (
        <section class="card" data-step="done" aria-labelledby="done-title">
          <h2 id="done-title">{t('ui.import.done_title')}</h2>
          <Alert kind="success">
            <p data-testid="import-result">
              {t('ui.import.done_summary', {
                created: result.created,
                updated: result.updated,
                representatives: result.representatives,
              })}
            </p>
          </Alert>
          {Array.isArray(result.new_groups) && result.new_groups.length > 0 && (
            <p>
              {t('ui.import.new_groups_list')} <strong>{result.new_groups.join(', ')}</strong>
            </p>
          )}
          <div class="form-actions">
            <Link href="/people" class="button">
              {t('ui.import.go_to_people')}
            </Link>
            <button type="button" class="button button-secondary" onClick={() => restart(null)}>
              {t('ui.import.another')}
            </button>
          </div>
        </section>
      )}
      {/* Right after an import: accounts for the people just imported (a group, a course or everyone). */}
      {step === 'done' && result && can('users.manage') && <IssueAccountsPanel />}
    </>
  );
}

function Stat({ label, value, testid }: { label: string; value: number; testid?: string }) {
  return (
    <div class="stat" data-testid={testid}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function MappingStep({ upload, selection, onSelection, busy, onPreview, onCancel }: {
  upload: ImportUpload;
  selection: Record<string, string>;
  onSelection: (selection: Record<string, string>) => void;
  busy: Busy;
  onPreview: () => void;
  onCancel: () => void;
}) {
  const duplicates = duplicateColumns(selection);
  return (
    <form
      class="card form"
      data-step="mapping"
      onSubmit={(event) => {
        event.preventDefault();
        onPreview();
      }}
    >
      <h2>{t('ui.import.step.mapping')}</h2>
      <p>
        {upload.encoding === 'xlsx'
          ? t('ui.import.file_summary_xlsx', { name: upload.filename, rows: upload.row_count })
          : t('ui.import.file_summary', {
              name: upload.filename,
              rows: upload.row_count,
              encoding: upload.encoding,
              delimiter: upload.delimiter === ';' ? t('ui.import.delimiter.semicolon') : upload.delimiter === ',' ? t('ui.import.delimiter.comma') : upload.delimiter,
            })}
      </p>
      <h3 class="subheading">{t('ui.import.sample')}</h3>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('ui.import.sample')}>
        <table class="table table-compact" data-testid="import-sample">
          <thead>
            <tr>
              {upload.columns.map((column, index) => (
                <th scope="col" key={index}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {upload.sample.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {upload.columns.map((_, index) => (
                  <td key={index}>{row[index] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 class="subheading">{t('ui.import.mapping_title')}</h3>
      <p class="field-hint">{t('ui.import.mapping_help')}</p>
      <div class="mapping-grid">
        {upload.fields.map((field) => {
          const id = `map-${field}`;
          const value = selection[field] ?? '';
          const duplicate = value !== '' && duplicates.has(value);
          return (
            <div class={`field${duplicate ? ' field-invalid' : ''}`} key={field}>
              <label for={id}>{tOr('ui.import.field.', field)}</label>
              <select
                id={id}
                name={`map-${field}`}
                data-field={field}
                value={value}
                aria-describedby={duplicate ? `${id}-dup` : undefined}
                onChange={(event) => onSelection({ ...selection, [field]: (event.currentTarget as HTMLSelectElement).value })}
              >
                <option value="">{t('ui.import.not_mapped')}</option>
                {upload.columns.map((column, index) => (
                  <option key={index} value={String(index)}>
                    {column}
                  </option>
                ))}
              </select>
              {duplicate && (
                <p class="field-hint field-warning" id={`${id}-dup`}>
                  {t('ui.import.duplicate_column')}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy !== null}>
          {busy === 'preview' ? t('ui.import.previewing') : t('ui.import.preview')}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel} disabled={busy !== null}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}

function RowErrorTable({ errors, columns }: { errors: ImportRowError[]; columns: string[] }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={t('ui.import.errors_title')}>
      <table class="table table-compact" data-testid="import-errors">
        <caption>{t('ui.import.errors_title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ui.import.error.line')}</th>
            <th scope="col">{t('ui.import.error.column')}</th>
            <th scope="col">{t('ui.import.error.message')}</th>
          </tr>
        </thead>
        <tbody>
          {sortRowErrors(errors).map((error, index) => (
            <tr key={index} data-line={error.line}>
              <td>{error.line}</td>
              <td>{columnName(error.column, columns) || (error.field ? tOr('ui.import.field.', error.field) : '—')}</td>
              <td>{error.message ?? tOr('field.', error.code)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Rows without a student number get one before anything is written: shown so it can be noted down. */
function GeneratedNumbers({ preview }: { preview: ImportPreview }) {
  const generated = preview.generated_numbers ?? [];
  if (generated.length === 0) return null;
  return (
    <>
      <h3 class="subheading" id="generated-title">
        {t('ui.import.generated_title')}
      </h3>
      <p class="field-hint">{t('ui.import.generated_help', { count: generated.length })}</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="generated-title">
        <table class="table table-compact" data-testid="generated-numbers">
          <thead>
            <tr>
              <th scope="col">{t('ui.import.error.line')}</th>
              <th scope="col">{t('ui.import.generated_person')}</th>
              <th scope="col">{t('ui.import.field.student_number')}</th>
            </tr>
          </thead>
          <tbody>
            {generated.map((g) => (
              <tr key={g.line}>
                <td>{g.line}</td>
                <td>{g.person}</td>
                <td>{g.student_number}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
