// One application as the family and the commission see it: where it stands and why (HST-PRI-1..3),
// the form to sign (HST-APP-3), the documents' checklist with uploads (HST-APP-2), a reserve offer
// to answer (HST-RES-1); for the commission the inspection record (HST-COM-1) and, for a student of
// groups 1-3 with no free place, the residents of groups 4-5 who might vacate (HST-BUMP-1).
import { useState } from 'preact/hooks';
import { api, uploadFile, withQuery } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatBytes, formatDateTime, formatDateTimeSeconds, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useAbilities, useResource } from '../bodies/bodies-api';
import { PdfLinks, useAction } from '../elections/parts';
import { explain, hostelPath, type Application, type BumpingLine, type Campaign, type Decision } from './hostel';
import { MeetingSelect } from './MeetingSelect';

export function ApplicationPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [app, reload, replace] = useResource<Application>(hostelPath('applications', params.id), [locale]);
  const may = useAbilities('hostel_application', params.id);
  if (app.state === 'loading') return <Loading />;
  if (app.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.hostel.application.page')} />
        <Alert>{app.message}</Alert>
      </>
    );
  const a = app.data;
  return (
    <div data-testid="hostel-application" data-status={a.status} data-application-id={String(a.id)}>
      <PageHeader title={t('ui.hostel.application.title', { number: a.number, year: a.academic_year })} subtitle={a.student_name} />
      <p>
        <Link href="/hostel">{t('ui.hostel.back')}</Link>
      </p>
      {a.offer && a.offer.state === 'open' && may('hostel_application.edit') && <OfferCard application={a} onDone={replace} />}
      <section class="section card">
        <dl class="facts facts-pairs">
          <dt>{t('ui.hostel.application.status')}</dt>
          <dd data-testid="hostel-status">
            <span class="badge">{t(`ui.hostel.status.${a.status}`)}</span>
          </dd>
          <dt>{t('hostel.application.registered_at')}</dt>
          <dd>{formatDateTimeSeconds(a.registered_at, locale)}</dd>
          <dt>{t('hostel.application.applicant')}</dt>
          <dd>
            {a.applicant_name} · {t(`hostel.application.channel_${a.channel}`)}
          </dd>
          <dt>{t('hostel.application.grade')}</dt>
          <dd>{a.grade}</dd>
          <dt>{t('hostel.application.home_locality')}</dt>
          <dd>{a.home_locality}</dd>
          <dt>{t('ui.hostel.application.priority_group')}</dt>
          <dd>{t(`hostel.application.group_${a.priority_group}`)}</dd>
          <dt>{t('hostel.application.subgroups')}</dt>
          <dd>{a.subgroups.length ? a.subgroups.map((s) => t(`hostel.application.subgroup.${s}`)).join(', ') : '—'}</dd>
          <dt>{t('hostel.application.wants_paid')}</dt>
          <dd>{t(a.wants_paid ? 'hostel.application.yes' : 'hostel.application.no')}</dd>
        </dl>
      </section>
      {a.standing && (
        <section class="section card" data-testid="hostel-standing">
          <h2>
            {t('ui.hostel.application.standing')} <RuleRef rule="HST-PRI-1" />
          </h2>
          <p data-testid="hostel-position">
            <strong>{t('ui.hostel.application.position', { position: a.standing.position, of: a.standing.of })}</strong>
          </p>
          <p>{explain(a.standing, formatDateTimeSeconds(a.standing.registered_at, locale))}</p>
          {a.standing.outcome && <p>{t(`ui.hostel.outcome.${a.standing.outcome}`)}</p>}
          {a.standing.deviation_reason && (
            <p data-testid="hostel-deviation">
              {t('ui.hostel.allocation.deviation')}: {a.standing.deviation_reason}
            </p>
          )}
          {!a.standing.decided && <p class="muted">{t('ui.hostel.application.standing_provisional')}</p>}
        </section>
      )}
      <section class="section card" data-testid="hostel-form">
        <h2>
          {t(a.form === 'app1' ? 'hostel.application.form_app1' : 'hostel.application.form_app2')} <RuleRef rule="HST-APP-3" />
        </h2>
        <p>{t('ui.hostel.application.form_hint')}</p>
        <p>
          <PdfLinks path={hostelPath('applications', a.id, 'form.pdf')} testid="hostel-form-pdf" />
        </p>
        {a.form === 'app2' && <p class="muted">{t('hostel.application.undertaking_text')}</p>}
      </section>
      <Documents application={a} canUpload={may('hostel_application.edit')} onChanged={replace} />
      {may('hostel_application.inspect') && <Inspection application={a} onDone={reload} />}
      {may('hostel_application.bumping') && a.priority_group <= 3 && <Bumping application={a} canPropose={may('hostel_application.propose_bumping')} />}
      {may('hostel_application.edit') && (a.status === 'registered' || a.status === 'reserve') && <Withdraw application={a} onDone={replace} />}
    </div>
  );
}

function OfferCard({ application: a, onDone }: { application: Application; onDone: (a: Application) => void }) {
  const { locale } = useApp();
  const action = useAction();
  const offer = a.offer!;
  const answer = (verb: 'accept' | 'decline') => action.run(async () => onDone(await api.post<Application>(hostelPath('offers', offer.id, verb), {})));
  return (
    <section class="section card notice" data-testid="hostel-offer">
      <h2>
        {t('ui.hostel.offer.title')} <RuleRef rule="HST-RES-1" />
      </h2>
      {offer.place && <p>{t('ui.hostel.offer.place', { hostel: offer.place.hostel, room: offer.place.room, place: offer.place.label })}</p>}
      <p>
        <strong>{t('ui.hostel.offer.until', { at: formatDateTime(offer.expires_at, locale) })}</strong>
      </p>
      {action.alert}
      <div class="form-actions">
        <button type="button" class="button" disabled={action.busy} onClick={() => answer('accept')} data-testid="hostel-offer-accept">
          {t('ui.hostel.offer.accept')}
        </button>
        <button type="button" class="button button-secondary" disabled={action.busy} onClick={() => answer('decline')} data-testid="hostel-offer-decline">
          {t('ui.hostel.offer.decline')}
        </button>
      </div>
    </section>
  );
}

function Documents({ application: a, canUpload, onChanged }: { application: Application; canUpload: boolean; onChanged: (a: Application) => void }) {
  const { locale } = useApp();
  const [kind, setKind] = useState(a.checklist.find((c) => !c.done)?.kinds[0] ?? a.checklist[0]?.kinds[0] ?? 'birth_certificate');
  const [file, setFile] = useState<File | null>(null);
  const action = useAction(['kind', 'file']);
  const kinds = a.checklist.flatMap((c) => c.kinds);
  return (
    <section class="section card" data-testid="hostel-documents">
      <h2>
        {t('ui.hostel.document.title')} <RuleRef rule="HST-APP-2" />
      </h2>
      <ul class="plain-list hostel-checklist">
        {a.checklist.map((c) => (
          <li key={c.item} data-testid="hostel-checklist-item" data-item={c.item} data-done={c.done ? 'true' : 'false'}>
            <span aria-hidden="true">{c.done ? '✓' : '○'}</span> {t(`ui.hostel.document.${c.item}`)}
            {c.kinds.length > 1 && <span class="muted"> ({c.kinds.map((k) => t(`ui.hostel.document_kind.${k}`)).join(' / ')})</span>}
          </li>
        ))}
      </ul>
      {a.missing.length > 0 ? (
        <p class="muted" data-testid="hostel-missing">{t('ui.hostel.document.missing', { count: a.missing.length })}</p>
      ) : (
        <p data-testid="hostel-complete">{t('ui.hostel.document.complete')}</p>
      )}
      {a.documents.length > 0 && (
        <ul class="plain-list">
          {a.documents.map((d) => (
            <li key={String(d.id)} data-testid="hostel-document">
              <a href={hostelPath('documents', d.id, 'file')}>{t(`ui.hostel.document_kind.${d.kind}`)}</a>{' '}
              <span class="muted">
                {d.file_name} · {formatBytes(d.file_size, locale)} · <code class="hash">{d.sha256.slice(0, 12)}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <form
          class="form"
          noValidate
          data-testid="hostel-upload"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!file) return action.fail('file', t('ui.hostel.document.choose'));
            await action.run(async () => {
              onChanged(await uploadFile<Application>(withQuery(hostelPath('applications', a.id, 'documents'), { kind, name: file.name }), file));
              setFile(null);
            });
          }}
        >
          <SelectField label={t('ui.hostel.document.kind')} name="kind" value={kind} onValue={setKind} options={kinds.map((k) => ({ value: k, label: t(`ui.hostel.document_kind.${k}`) }))} error={action.errors.fields.kind} />
          <div class="field">
            <label for="hostel-file">{t('ui.hostel.document.file')}</label>
            <input id="hostel-file" type="file" name="file" accept="application/pdf,image/jpeg,image/png" onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
            <p class="field-hint">{t('ui.hostel.document.types')}</p>
            {action.errors.fields.file && <p class="field-error">{action.errors.fields.file}</p>}
          </div>
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy} data-testid="hostel-upload-submit">
              {t('ui.hostel.document.upload')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

const INSPECTION_FIELDS = ['housing', 'household', 'finances', 'sanitary', 'study_place', 'readiness', 'conclusion'] as const;

function Inspection({ application: a, onDone }: { application: Application; onDone: () => Promise<void> }) {
  const [show, setShow] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({ inspected_on: todayInAlmaty() });
  const action = useAction(['inspected_on', ...INSPECTION_FIELDS]);
  const load = async () => {
    setShow(true);
    if (a.inspected) await action.run(async () => setValues(await api.get<Record<string, string>>(hostelPath('applications', a.id, 'inspection'))));
  };
  return (
    <section class="section card" data-testid="hostel-inspection">
      <h2>
        {t('ui.hostel.inspection.title')} <RuleRef rule="HST-COM-1" />
      </h2>
      <p class="muted">{a.inspected ? t('ui.hostel.inspection.recorded') : a.consent_inspection ? t('ui.hostel.inspection.none') : t('rule.hostel.inspection.no_consent')}</p>
      {!show ? (
        a.consent_inspection && (
          <button type="button" class="button button-secondary" onClick={load} data-testid="hostel-inspection-open">
            {t(a.inspected ? 'ui.hostel.inspection.open' : 'ui.hostel.inspection.record')}
          </button>
        )
      ) : (
        <form
          class="form"
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            await action.run(async () => {
              await api.put(hostelPath('applications', a.id, 'inspection'), values);
              await onDone();
            });
          }}
        >
          <TextField label={t('ui.hostel.inspection.inspected_on')} name="inspected_on" type="date" value={values.inspected_on ?? ''} onValue={(v) => setValues({ ...values, inspected_on: v })} error={action.errors.fields.inspected_on} required />
          {INSPECTION_FIELDS.map((f) => (
            <TextAreaField key={f} label={t(`ui.hostel.inspection.${f}`)} name={f} value={values[f] ?? ''} onValue={(v) => setValues({ ...values, [f]: v })} error={action.errors.fields[f]} required />
          ))}
          {action.alert}
          <div class="form-actions">
            <button type="submit" class="button" disabled={action.busy}>
              {t('ui.hostel.inspection.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function Bumping({ application: a, canPropose }: { application: Application; canPropose: boolean }) {
  const { locale } = useApp();
  const [list] = useResource<{ items: BumpingLine[] }>(hostelPath('applications', a.id, 'bumping'), [locale]);
  const [campaign] = useResource<Campaign>(canPropose ? hostelPath('campaigns', a.campaign_id) : null, []);
  const [resident, setResident] = useState('');
  const [meeting, setMeeting] = useState('');
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<Decision | null>(null);
  const action = useAction(['meeting_id', 'resident_id', 'reason']);
  return (
    <section class="section card" data-testid="hostel-bumping">
      <h2>
        {t('ui.hostel.bumping.title')} <RuleRef rule="HST-BUMP-1" />
      </h2>
      {list.state === 'loading' && <Loading />}
      {list.state === 'failed' && <p class="muted">{list.message}</p>}
      {list.state === 'ready' && (
        <>
          <p class="muted">{t('ui.hostel.bumping.hint')}</p>
          <p>
            {t('ui.hostel.pdf')}: <PdfLinks path={hostelPath('applications', a.id, 'bumping.pdf')} testid="hostel-bumping-pdf" />
          </p>
          <div class="table-scroll">
            <table class="table table-compact">
              <thead>
                <tr>
                  <th>№</th>
                  <th>{t('hostel.application.student')}</th>
                  <th>{t('hostel.application.group')}</th>
                  <th>{t('hostel.application.subgroups')}</th>
                  <th>{t('ui.hostel.stock.room')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={String(r.resident_id)} data-testid="hostel-bumping-line">
                    <td>{r.position}</td>
                    <td>{r.name}</td>
                    <td>{r.priority_group}</td>
                    <td>{r.subgroups.length ? r.subgroups.map((s) => t(`hostel.application.subgroup.${s}`)).join(', ') : t('hostel.application.subgroup.other')}</td>
                    <td>
                      {r.room}/{r.place}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canPropose && list.data.items.length > 0 && (
            <form
              class="form"
              noValidate
              onSubmit={async (e) => {
                e.preventDefault();
                await action.run(async () =>
                  setDecision(await api.post<Decision>(hostelPath('applications', a.id, 'bumping'), { meeting_id: Number(meeting), resident_id: Number(resident), reason })),
                );
              }}
            >
              <SelectField label={t('ui.hostel.bumping.resident')} name="resident_id" value={resident} onValue={setResident}
                options={[{ value: '', label: '—' }, ...list.data.items.map((r) => ({ value: String(r.resident_id), label: `${r.position}. ${r.name}` }))]} error={action.errors.fields.resident_id} required />
              {campaign.state === 'ready' && <MeetingSelect bodyId={campaign.data.commission_body_id} value={meeting} onValue={setMeeting} error={action.errors.fields.meeting_id} />}
              <TextAreaField label={t('ui.hostel.bumping.reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} required />
              {action.alert}
              <div class="form-actions">
                <button type="submit" class="button" disabled={action.busy}>
                  {t('ui.hostel.bumping.propose')}
                </button>
              </div>
            </form>
          )}
          {decision && (
            <p data-testid="hostel-bumping-proposed">
              <Link href={`/hostel/decisions/${decision.id}`}>{t('ui.hostel.decision.open')}</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function Withdraw({ application: a, onDone }: { application: Application; onDone: (a: Application) => void }) {
  const [reason, setReason] = useState('');
  const action = useAction(['reason']);
  return (
    <section class="section card" data-testid="hostel-withdraw">
      <h2>{t('ui.hostel.application.withdraw')}</h2>
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (!window.confirm(t('ui.hostel.application.withdraw_confirm'))) return;
          await action.run(async () => onDone(await api.post<Application>(hostelPath('applications', a.id, 'withdraw'), { reason })));
        }}
      >
        <TextAreaField label={t('ui.hostel.application.withdraw_reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} />
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button button-secondary" disabled={action.busy}>
            {t('ui.hostel.application.withdraw')}
          </button>
        </div>
      </form>
    </section>
  );
}
