// One student's attendance as the student, their representatives, their curator and the staff
// see it: the terms with their counts, the unjustified absences for the representative to sign
// and the term's report card (REP-2), what was missed to catch up on (ATT-3), and the
// justifications with their documents (ATT-1).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, downloadFile, isAbort, requestHeaders, toProblem, withQuery } from '../../api';
import { Alert, ErrorList, RuleRef } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, ruleOf, type FormErrors } from '../../errors';
import { formatDate, formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { daysInclusive, familyDaysLeft, REASONS, REPRESENTATIVE_REASONS, type Justification, type StudentAttendance } from './attendance';

export async function putDocument(id: Justification['id'], file: File): Promise<Justification> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/attendance-justifications/${encodeURIComponent(String(id))}/document`, {
      method: 'PUT',
      headers: requestHeaders('PUT', file.type || 'application/octet-stream'),
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new ApiError(toProblem(response.status, body, response.statusText));
  return body as Justification;
}

export function JustificationLine({ j }: { j: Justification }) {
  const { locale } = useApp();
  const [error, setError] = useState<string | null>(null);
  return (
    <li data-testid="justification">
      <strong>{t(`ui.attendance.reason.${j.reason}`)}</strong>{' '}
      <span>
        {formatDate(j.from, locale)}
        {j.to !== j.from ? ` – ${formatDate(j.to, locale)}` : ''} · {t('ui.attendance.days_n', { count: j.days })}
      </span>{' '}
      <span class={`status status-${j.status}`} data-testid="justification-status">
        {t(`ui.attendance.justification_status.${j.status}`)}
      </span>
      {j.note && <p class="muted">{j.note}</p>}
      {j.refusal_reason && <p>{t('ui.attendance.refused_because', { reason: j.refusal_reason })}</p>}
      {j.document ? (
        <button
          type="button"
          class="link-button"
          onClick={() =>
            downloadFile(`/api/v1/attendance-justifications/${j.id}/document`, `justification-${j.id}${j.document?.content_type === 'application/pdf' ? '.pdf' : j.document?.content_type === 'image/png' ? '.png' : '.jpg'}`).catch((err) =>
              setError(problemMessage(err)),
            )
          }
        >
          {t('ui.attendance.document')}
        </button>
      ) : (
        <span class="muted"> · {t('ui.attendance.no_document')}</span>
      )}
      {error && <Alert>{error}</Alert>}
    </li>
  );
}

export function StudentAttendancePage({ params, search }: RouteProps) {
  const { can, locale } = useApp();
  const id = params.id;
  const year = new URLSearchParams(search).get('year') ?? undefined;
  const [data, setData] = useState<StudentAttendance | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const signer = can('attendance.acknowledge');

  useEffect(() => {
    let live = true;
    api
      .get<StudentAttendance>(withQuery(`/api/v1/people/${encodeURIComponent(id)}/attendance`, { year }))
      .then((d) => live && setData(d))
      .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    return () => {
      live = false;
    };
  }, [id, year, locale, version]);

  const sign = async (body: Record<string, unknown>) => {
    setError(null);
    try {
      await api.post(`/api/v1/people/${encodeURIComponent(id)}/attendance/acknowledgements`, body);
      setNotice(t('ui.attendance.signed'));
      setVersion(version + 1);
    } catch (err) {
      setError(problemMessage(err));
    }
  };

  const toSign = data?.days.filter((d) => d.unjustified) ?? [];
  return (
    <>
      <PageHeader title={data ? t('ui.attendance.student_title', { name: data.name }) : t('ui.attendance.title')} subtitle={data?.group?.name}>
        <Link href="/attendance">{t('ui.attendance.title')}</Link>
      </PageHeader>
      {error && <Alert>{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {!data && !error && <Loading />}
      {data && (
        <>
          <section class="section card" aria-labelledby="attendance-terms">
            <h2 id="attendance-terms">{t('ui.attendance.terms_of', { year: data.academic_year })}</h2>
            <table class="table responsive-table" data-testid="student-terms">
              <thead>
                <tr>
                  <th scope="col">{t('ui.attendance.term')}</th>
                  <th scope="col">{t('ui.attendance.late_days')}</th>
                  <th scope="col">{t('ui.attendance.unjustified_days')}</th>
                  <th scope="col">{t('ui.attendance.justified_days')}</th>
                  <th scope="col">{t('ui.attendance.report_card')}</th>
                </tr>
              </thead>
              <tbody>
                {data.terms.map((term) => (
                  <tr key={term.number}>
                    <th scope="row" data-label={t('ui.attendance.term')}>
                      {t('ui.attendance.term_n', { n: term.number })}
                      <span class="muted">
                        {' '}
                        {formatDate(term.starts_on, locale)} – {formatDate(term.ends_on, locale)}
                      </span>
                    </th>
                    <td data-label={t('ui.attendance.late_days')}>{term.late_days}</td>
                    <td data-label={t('ui.attendance.unjustified_days')}>{term.unjustified_days}</td>
                    <td data-label={t('ui.attendance.justified_days')}>{term.justified_days}</td>
                    <td data-label={t('ui.attendance.report_card')}>
                      {term.report_card_signature ? (
                        t('ui.attendance.signed_by', { name: term.report_card_signature.name, at: formatDateTime(term.report_card_signature.signed_at, locale) })
                      ) : signer && term.starts_on <= data.today ? (
                        <button type="button" class="button button-secondary" onClick={() => sign({ kind: 'report_card', term: term.number, academic_year: data.academic_year })}>
                          {t('ui.attendance.sign_report_card')}
                        </button>
                      ) : (
                        <span class="muted">{t('ui.attendance.not_signed')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section class="section card" aria-labelledby="attendance-unjustified" data-testid="attendance-unjustified">
            <h2 id="attendance-unjustified">
              {t('ui.attendance.unjustified')} <RuleRef rule="REP-2" />
            </h2>
            {toSign.length === 0 ? (
              <p class="muted">{t('ui.attendance.no_unjustified')}</p>
            ) : (
              <ul class="plain-list overview-list">
                {toSign.map((d) => (
                  <li key={d.date}>
                    <span>{formatDate(d.date, locale)}</span>
                    {d.signature ? (
                      <span class="muted">{t('ui.attendance.signed_by', { name: d.signature.name, at: formatDateTime(d.signature.signed_at, locale) })}</span>
                    ) : signer ? (
                      <button type="button" class="button" onClick={() => sign({ kind: 'absence', date: d.date })} data-testid="sign-absence">
                        {t('ui.attendance.sign')}
                      </button>
                    ) : (
                      <span class="muted">{t('ui.attendance.not_signed')}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section class="section card" aria-labelledby="attendance-missed" data-testid="attendance-missed">
            <h2 id="attendance-missed">
              {t('ui.attendance.missed')} <RuleRef rule="ATT-3" />
            </h2>
            <p class="muted">{t('ui.attendance.missed_hint')}</p>
            {data.days.length === 0 ? (
              <p class="muted">{t('ui.attendance.nothing_missed')}</p>
            ) : (
              <ul class="plain-list overview-list">
                {data.days.map((d) => (
                  <li key={d.date}>
                    <strong>{formatDate(d.date, locale)}</strong>
                    <span class="muted">
                      {d.absent_lessons.length > 0 &&
                        (d.absent_lessons.includes(0) ? t('ui.attendance.whole_day') : t('ui.attendance.lessons_missed', { lessons: d.absent_lessons.join(', ') }))}
                      {d.late_lessons.length > 0 && ` ${t('ui.attendance.late_count', { count: d.late_lessons.length })}`}
                      {d.reason && ` · ${t(`ui.attendance.reason.${d.reason}`)}`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section class="section card" aria-labelledby="attendance-justifications">
            <h2 id="attendance-justifications">
              {t('ui.attendance.justifications')} <RuleRef rule="ATT-1" />
            </h2>
            <p data-testid="family-days">
              {t('ui.attendance.family_days', { used: data.family_days.used, cap: data.family_days.cap, left: familyDaysLeft(data.family_days.used, data.family_days.cap) })}
            </p>
            {data.justifications.length > 0 && (
              <ul class="plain-list overview-list">
                {data.justifications.map((j) => (
                  <JustificationLine key={String(j.id)} j={j} />
                ))}
              </ul>
            )}
            {can('attendance.justify') && <JustificationForm personId={id} staff={can('attendance.manage')} onDone={() => setVersion(version + 1)} />}
          </section>
        </>
      )}
    </>
  );
}

function JustificationForm({ personId, staff, onDone }: { personId: string; staff: boolean; onDone: () => void }) {
  const today = todayInAlmaty();
  const [reason, setReason] = useState<string>('illness');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const reasons = staff ? REASONS : REPRESENTATIVE_REASONS;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setRule(null);
    setDone(false);
    try {
      const j = await api.post<Justification>(`/api/v1/people/${encodeURIComponent(personId)}/attendance/justifications`, { reason, from, to, ...(note.trim() ? { note } : {}) });
      if (file) {
        try {
          await putDocument(j.id, file);
        } catch (err) {
          setErrors(formErrors(err, ['file']));
          onDone();
          return;
        }
      }
      setNote('');
      setFile(null);
      setDone(true);
      onDone();
    } catch (err) {
      setErrors(formErrors(err, ['reason', 'from', 'to', 'note']));
      setRule(ruleOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form" noValidate onSubmit={submit} data-testid="justification-form">
      <h3>{t('ui.attendance.new_justification')}</h3>
      <ErrorList messages={errors.general} rule={rule} />
      {done && <Alert kind="success">{t('ui.attendance.justification_sent')}</Alert>}
      <SelectField
        label={t('ui.attendance.reason_label')}
        name="reason"
        required
        value={reason}
        onValue={setReason}
        error={errors.fields.reason}
        options={reasons.map((r) => ({ value: r, label: t(`ui.attendance.reason.${r}`) }))}
        hint={t(`ui.attendance.needs.${reason}`)}
      />
      <div class="grid-2">
        <TextField label={t('ui.attendance.from')} name="from" type="date" required value={from} onValue={setFrom} error={errors.fields.from} />
        <TextField label={t('ui.attendance.to')} name="to" type="date" required value={to} onValue={setTo} error={errors.fields.to} hint={t('ui.attendance.days_n', { count: daysInclusive(from, to) })} />
      </div>
      <TextAreaField label={t('ui.attendance.note')} name="note" value={note} onValue={setNote} error={errors.fields.note} />
      <div class={`field${errors.fields.file ? ' field-invalid' : ''}`}>
        <label for="justification-file">{t('ui.attendance.document_file')}</label>
        <input
          id="justification-file"
          name="file"
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          capture="environment"
          onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)}
          data-testid="justification-file"
        />
        <p class="field-hint">{t('ui.attendance.document_hint')}</p>
        {errors.fields.file && <p class="field-error">{errors.fields.file}</p>}
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy} data-testid="justification-submit">
          {busy ? t('ui.common.saving') : t('ui.attendance.send_justification')}
        </button>
      </div>
    </form>
  );
}
