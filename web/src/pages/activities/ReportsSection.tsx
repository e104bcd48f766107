// A body's reports (PLAN-3): semi-annual or annual, the figures the server counts for the period
// (events by direction with participants, sessions, decisions, plan items, clubs), a narrative
// editable while a draft, approval (which freezes the figures), PDF and XLSX.
import { useState } from 'preact/hooks';
import { api, downloadFile } from '../../api';
import { Alert, ErrorList, RuleRef } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, type FormErrors } from '../../errors';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { bodyPath, useResource } from '../bodies/bodies-api';
import type { Id } from '../bodies/bodies-types';
import { REPORT_FIELDS, REPORT_KINDS, reportBody, reportDownloadPath, type Report, type ReportForm, type ReportSummary } from './reports';
import { directionName } from './PlansSection';

export function ReportsSection({ bodyId, runs }: { bodyId: Id; runs: boolean }) {
  const { locale } = useApp();
  const [reports, reload] = useResource<{ items: ReportSummary[] }>(`${bodyPath(String(bodyId))}/reports`, [locale]);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <section class="section card" aria-labelledby="reports-title" data-testid="reports">
      <h2 id="reports-title">
        {t('ui.reports.title')} <RuleRef rule="PLAN-3" />
      </h2>
      {reports.state === 'loading' && <Loading />}
      {reports.state === 'failed' && <Alert>{reports.message}</Alert>}
      {reports.state === 'ready' &&
        (reports.data.items.length === 0 ? (
          <p class="muted">{t('ui.reports.empty')}</p>
        ) : (
          <ul class="plain-list report-list">
            {reports.data.items.map((report) => {
              const id = String(report.id);
              return (
                <li key={id} data-report-id={id} data-status={report.status}>
                  <button type="button" class="link-button" aria-expanded={openId === id ? 'true' : 'false'} data-action="open-report" onClick={() => setOpenId(openId === id ? null : id)}>
                    {t('ui.reports.item', { kind: report.kind, from: formatDate(report.period_from, locale), to: formatDate(report.period_to, locale) })}
                  </button>{' '}
                  <span class={`badge badge-plan-${report.status}`}>{t(report.status === 'approved' ? 'ui.reports.status.approved' : 'ui.reports.status.draft')}</span>
                  {openId === id && <ReportView id={id} runs={runs} onChanged={reload} />}
                </li>
              );
            })}
          </ul>
        ))}
      {runs && <CreateReport bodyId={bodyId} onCreated={async (id) => (await reload(), setOpenId(id))} />}
    </section>
  );
}

function CreateReport({ bodyId, onCreated }: { bodyId: Id; onCreated: (id: string) => Promise<void> }) {
  const [form, setForm] = useState<ReportForm>({ kind: 'semi_annual', period_from: '', period_to: '', narrative: '' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ReportForm>(key: K) => (value: ReportForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const submit = async (event: Event) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.period_from) local.period_from = t('field.required');
    if (!form.period_to) local.period_to = t('field.required');
    if (form.period_from && form.period_to && form.period_to < form.period_from) local.period_to = t('ui.reports.period_order');
    if (Object.keys(local).length) {
      setErrors({ fields: local, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await api.post<Report>(`${bodyPath(String(bodyId))}/reports`, reportBody(form));
      setForm({ kind: 'semi_annual', period_from: '', period_to: '', narrative: '' });
      await onCreated(String(created.id));
    } catch (error) {
      setErrors(formErrors(error, REPORT_FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="plan-add">
      <summary>{t('ui.reports.create')}</summary>
      <form class="form" noValidate onSubmit={submit} data-testid="create-report">
        <ErrorList messages={errors.general} />
        <div class="grid-2">
          <SelectField
            label={t('ui.reports.kind')}
            name="kind"
            required
            value={form.kind}
            onValue={set('kind')}
            error={errors.fields.kind}
            options={REPORT_KINDS.map((value) => ({ value, label: t(`ui.reports.kind.${value}`) }))}
          />
          <span />
          <TextField label={t('ui.reports.period_from')} name="period_from" type="date" required value={form.period_from} onValue={set('period_from')} error={errors.fields.period_from} />
          <TextField label={t('ui.reports.period_to')} name="period_to" type="date" required value={form.period_to} onValue={set('period_to')} error={errors.fields.period_to} />
        </div>
        <TextAreaField label={t('report.narrative')} name="narrative" rows={5} maxLength={20000} value={form.narrative} onValue={set('narrative')} error={errors.fields.narrative} />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.reports.create_submit')}
          </button>
        </div>
      </form>
    </details>
  );
}

function ReportView({ id, runs, onChanged }: { id: string; runs: boolean; onChanged: () => Promise<void> }) {
  const { locale } = useApp();
  const [loaded, reload] = useResource<Report>(`/api/v1/reports/${encodeURIComponent(id)}`, [locale]);
  const [narrative, setNarrative] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <Alert>{loaded.message}</Alert>;
  const report = loaded.data;
  const f = report.figures;
  const draft = report.status === 'draft';
  const text = narrative ?? report.narrative;

  const act = async (run: () => Promise<unknown>, success: string) => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await run();
      await reload();
      await onChanged();
      setNarrative(null);
      setNotice(success);
    } catch (error) {
      setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="report card" data-testid="report" data-status={report.status}>
      <p class="muted">{t(draft ? 'report.draft' : 'report.approved')}</p>
      {failure && <Alert>{failure}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      <h4 class="subheading">{t('report.summary')}</h4>
      <dl class="protocol-proof" data-testid="report-figures">
        <dt>{t('report.sessions')}</dt>
        <dd data-figure="sessions">{f.sessions}</dd>
        <dt>{t('report.items_considered')}</dt>
        <dd data-figure="items_considered">{f.items_considered}</dd>
        <dt>{t('report.decisions_adopted')}</dt>
        <dd data-figure="decisions_adopted">{f.decisions_adopted}</dd>
        <dt>{t('report.plan_done')}</dt>
        <dd data-figure="plan_items_done">{f.plan_items_done}</dd>
        <dt>{t('report.plan_open')}</dt>
        <dd data-figure="plan_items_open">{f.plan_items_open}</dd>
      </dl>
      <h4 class="subheading">{t('report.by_direction')}</h4>
      {f.events_by_direction.length === 0 ? (
        <p class="muted">{t('ui.reports.no_events')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table" data-testid="report-directions">
            <thead>
              <tr>
                <th scope="col">{t('report.direction')}</th>
                <th scope="col">{t('report.events')}</th>
                <th scope="col">{t('report.participants')}</th>
              </tr>
            </thead>
            <tbody>
              {f.events_by_direction.map((row) => (
                <tr key={row.direction} data-direction={row.direction}>
                  <td>{directionName(row.direction)}</td>
                  <td>{row.events}</td>
                  <td>{row.participants}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {f.clubs_and_sections.length > 0 && (
        <>
          <h4 class="subheading">{t('report.clubs')}</h4>
          <div class="table-scroll">
            <table class="table" data-testid="report-clubs">
              <thead>
                <tr>
                  <th scope="col">{t('report.club')}</th>
                  <th scope="col">{t('report.members')}</th>
                  <th scope="col">{t('report.events')}</th>
                  <th scope="col">{t('report.participants')}</th>
                </tr>
              </thead>
              <tbody>
                {f.clubs_and_sections.map((club) => (
                  <tr key={club.name}>
                    <td>{club.name}</td>
                    <td>{club.members}</td>
                    <td>{club.events}</td>
                    <td>{club.participants}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h4 class="subheading">{t('report.narrative')}</h4>
      {draft && runs ? (
        <form
          class="form"
          noValidate
          data-testid="report-narrative"
          onSubmit={(event) => {
            event.preventDefault();
            act(() => api.patch(`/api/v1/reports/${encodeURIComponent(id)}`, { narrative: text }), t('ui.common.saved'));
          }}
        >
          <TextAreaField label={t('ui.reports.narrative_edit')} name="narrative" rows={6} maxLength={20000} value={text} onValue={setNarrative} />
          <div class="form-actions">
            <button type="submit" class="button button-secondary" disabled={busy || narrative === null}>
              {t('ui.common.save')}
            </button>
            <button type="button" class="button" disabled={busy || narrative !== null} data-action="approve-report" onClick={() => act(() => api.post(`/api/v1/reports/${encodeURIComponent(id)}/approve`, {}), t('ui.reports.approved_notice'))}>
              {t('ui.reports.approve')}
            </button>
          </div>
        </form>
      ) : (
        <p class="report-narrative" data-testid="report-narrative-text">
          {report.narrative || t('ui.common.not_set')}
        </p>
      )}
      <p class="report-downloads" data-testid="report-downloads">
        {(['pdf', 'xlsx'] as const).map((format, index) => (
          <>
            {index > 0 && ' · '}
            <a
              key={format}
              href={reportDownloadPath(id, format, locale)}
              data-format={format}
              onClick={(event) => {
                event.preventDefault();
                setFailure(null);
                downloadFile(reportDownloadPath(id, format, locale), `report-${id}-${locale}.${format}`).catch((error) => setFailure(problemMessage(error)));
              }}
            >
              {t(format === 'pdf' ? 'ui.reports.download_pdf' : 'ui.reports.download_xlsx')}
            </a>
          </>
        ))}
      </p>
    </div>
  );
}
