// The coordinator's justifications (ATT-1): each with its document; accepting checks what the
// reason needs (the document, the principal's agreement for family matters and external
// activities, at most 10 family days a year); a refusal gives its reason.
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, ruleOf, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { Justification } from './attendance';
import { JustificationLine } from './StudentAttendancePage';

export function JustificationsPage(_props: RouteProps) {
  const { locale } = useApp();
  const [status, setStatus] = useState('pending');
  const [items, setItems] = useState<Justification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setItems(null);
    api
      .get<{ items: Justification[] }>(withQuery('/api/v1/attendance/justifications', { status, limit: 200 }))
      .then((d) => live && setItems(d.items))
      .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    return () => {
      live = false;
    };
  }, [status, locale, version]);
  return (
    <>
      <PageHeader title={t('ui.attendance.justifications')}>
        <Link href="/attendance">{t('ui.attendance.title')}</Link>
      </PageHeader>
      <SelectField
        label={t('ui.attendance.status')}
        name="status"
        value={status}
        onValue={setStatus}
        options={['pending', 'accepted', 'refused'].map((s) => ({ value: s, label: t(`ui.attendance.justification_status.${s}`) }))}
      />
      {error && <Alert>{error}</Alert>}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p class="muted">{t('ui.attendance.no_justifications')}</p>}
      {items?.map((j) => (
        <section class="section card" key={String(j.id)} data-testid="justification-card">
          <h2>
            <Link href={`/attendance/students/${j.person_id}`}>{j.student}</Link>
          </h2>
          <ul class="plain-list">
            <JustificationLine j={j} />
          </ul>
          {j.status === 'pending' && <Decision j={j} onDone={() => setVersion(version + 1)} />}
        </section>
      ))}
    </>
  );
}

function Decision({ j, onDone }: { j: Justification; onDone: () => void }) {
  const needsPrincipal = j.reason === 'family' || j.reason === 'external';
  const [agreed, setAgreed] = useState(j.principal_agreed);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (body: Record<string, unknown>) => {
    setBusy(true);
    setErrors(NO_ERRORS);
    setRule(null);
    try {
      await api.post(`/api/v1/attendance-justifications/${j.id}/decision`, body);
      onDone();
    } catch (err) {
      setErrors(formErrors(err, ['refusal_reason']));
      setRule(ruleOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="form">
      <ErrorList messages={errors.general} rule={rule} />
      {needsPrincipal && (
        <CheckboxField label={t(j.reason === 'family' ? 'ui.attendance.principal_agreed' : 'ui.attendance.principal_signed')} name="principal_agreed" checked={agreed} onChecked={setAgreed} />
      )}
      {!refusing ? (
        <div class="form-actions">
          <button type="button" class="button" disabled={busy} onClick={() => decide({ accept: true, ...(needsPrincipal ? { principal_agreed: agreed } : {}) })} data-testid="justification-accept">
            {t('ui.attendance.accept')}
          </button>
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => setRefusing(true)}>
            {t('ui.attendance.refuse')}
          </button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void decide({ accept: false, refusal_reason: reason });
          }}
        >
          <TextAreaField label={t('ui.attendance.refusal_reason')} name="refusal_reason" required value={reason} onValue={setReason} error={errors.fields.refusal_reason} />
          <div class="form-actions">
            <button type="submit" class="button" disabled={busy}>
              {t('ui.attendance.refuse')}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setRefusing(false)}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
