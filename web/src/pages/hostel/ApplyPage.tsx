// The application for a hostel place (seed 004 hostel rules), made for a phone: the family applies
// for its child, or the head registers a paper application naming the representative who signed
// it (HST-APP-1). The form follows the declared group (HST-APP-3): groups 4-5 accept the
// undertaking to vacate; the consent to a home inspection is recorded (HST-COM-1).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { navigate } from '../../router';
import type { PersonDetail } from '../../types';
import { useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { GROUPS, SUBGROUPS, formFor, hostelPath, needsUndertaking, type Application, type Campaign, type Id } from './hostel';

export function ApplyPage({ params, search }: RouteProps) {
  const { locale } = useApp();
  const paper = new URLSearchParams(search).get('paper') === '1';
  const [campaigns] = useResource<{ items: Campaign[] }>(hostelPath('campaigns'), [locale]);
  const [student] = useResource<PersonDetail>(`/api/v1/people/${encodeURIComponent(params.studentId)}`, [locale]);
  const [family] = useResource<{ representatives: { id: Id; name: string }[] }>(hostelPath('students', params.studentId, 'applications'), [locale]);
  if (campaigns.state === 'loading' || family.state === 'loading') return <Loading />;
  if (campaigns.state === 'failed') return <Alert>{campaigns.message}</Alert>;
  if (family.state === 'failed') return <Alert>{family.message}</Alert>;
  const open = campaigns.data.items.filter((c) => c.accepting);
  const name = student.state === 'ready' ? student.data.full_name : '';
  const reps = family.data.representatives;
  return (
    <>
      <PageHeader title={t(paper ? 'ui.hostel.application.paper_title' : 'ui.hostel.application.apply')} subtitle={name} />
      {open.length === 0 ? (
        <Alert kind="info">
          {t('ui.hostel.application.no_open_campaign')} <RuleRef rule="HST-APP-1" />
        </Alert>
      ) : (
        <ApplyForm studentId={params.studentId} campaigns={open} paper={paper} representatives={reps.map((r) => ({ id: String(r.id), name: r.name }))} />
      )}
    </>
  );
}

function ApplyForm({ studentId, campaigns, paper, representatives }: { studentId: string; campaigns: Campaign[]; paper: boolean; representatives: { id: string; name: string }[] }) {
  const { locale } = useApp();
  const [campaign, setCampaign] = useState(String(campaigns[0].id));
  const [group, setGroup] = useState('2');
  const [subgroups, setSubgroups] = useState<string[]>([]);
  const [grade, setGrade] = useState('');
  const [locality, setLocality] = useState('');
  const [wantsPaid, setWantsPaid] = useState(false);
  const [consent, setConsent] = useState(false);
  const [undertaking, setUndertaking] = useState(false);
  const [rep, setRep] = useState(representatives[0]?.id ?? '');
  const action = useAction(['campaign_id', 'priority_group', 'subgroups', 'grade', 'home_locality', 'consent_inspection', 'undertaking_to_vacate', 'representative_id', 'channel']);
  const g = Number(group);
  const chosen = campaigns.find((c) => String(c.id) === campaign);
  const toggle = (code: string, on: boolean) => setSubgroups((list) => (on ? [...list, code] : list.filter((x) => x !== code)));
  return (
    <form
      class="form hostel-apply"
      noValidate
      data-testid="hostel-apply-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (needsUndertaking(g) && !undertaking) return action.fail('undertaking_to_vacate', t('rule.hostel.application.undertaking_required'));
        await action.run(async () => {
          const created = await api.post<Application>(hostelPath('students', studentId, 'applications'), {
            campaign_id: Number(campaign),
            channel: paper ? 'paper' : 'online',
            ...(paper ? { representative_id: Number(rep) } : {}),
            priority_group: g,
            subgroups: g > 1 ? subgroups : [],
            wants_paid: wantsPaid,
            home_locality: locality.trim(),
            consent_inspection: consent,
            undertaking_to_vacate: needsUndertaking(g) && undertaking,
            ...(grade ? { grade: Number(grade) } : {}),
          });
          navigate(`/hostel/applications/${created.id}`);
        });
      }}
    >
      <SelectField
        label={t('ui.hostel.application.campaign')}
        name="campaign_id"
        value={campaign}
        onValue={setCampaign}
        options={campaigns.map((c) => ({ value: String(c.id), label: t('ui.hostel.campaign.year', { year: c.academic_year }) }))}
        error={action.errors.fields.campaign_id}
        hint={chosen ? t('ui.hostel.campaign.accepting_until', { date: formatDate(chosen.last_day, locale) }) : undefined}
        required
      />
      {paper && (
        <SelectField
          label={t('hostel.application.applicant')}
          name="representative_id"
          value={rep}
          onValue={setRep}
          options={representatives.map((r) => ({ value: r.id, label: r.name }))}
          error={action.errors.fields.representative_id}
          required
        />
      )}
      <SelectField
        label={t('ui.hostel.application.priority_group')}
        name="priority_group"
        value={group}
        onValue={setGroup}
        options={GROUPS.map((n) => ({ value: String(n), label: t(`hostel.application.group_${n}`) }))}
        error={action.errors.fields.priority_group}
        hint={t('ui.hostel.application.priority_hint')}
        required
      />
      {g > 1 && (
        <fieldset class="fieldset" data-testid="hostel-subgroups">
          <legend>
            {t('hostel.application.subgroups')} <RuleRef rule="HST-PRI-2" />
          </legend>
          {SUBGROUPS.filter((s) => s !== 'other').map((code) => (
            <CheckboxField key={code} label={t(`hostel.application.subgroup.${code}`)} name={`subgroup-${code}`} value={code} checked={subgroups.includes(code)} onChecked={(on) => toggle(code, on)} />
          ))}
          {action.errors.fields.subgroups && <p class="field-error">{action.errors.fields.subgroups}</p>}
        </fieldset>
      )}
      <TextField label={t('ui.hostel.application.grade_next')} name="grade" type="number" min={7} max={12} inputMode="numeric" value={grade} onValue={setGrade} error={action.errors.fields.grade} hint={t('ui.hostel.application.grade_hint')} />
      <TextField label={t('hostel.application.home_locality')} name="home_locality" value={locality} onValue={setLocality} error={action.errors.fields.home_locality} autoComplete="address-level2" required />
      <CheckboxField label={t('ui.hostel.application.wants_paid')} name="wants_paid" checked={wantsPaid} onChecked={setWantsPaid} hint={t('ui.hostel.application.wants_paid_hint')} />
      <CheckboxField label={t('hostel.application.consent_text')} name="consent_inspection" checked={consent} onChecked={setConsent} error={action.errors.fields.consent_inspection} />
      {needsUndertaking(g) && (
        <CheckboxField label={t('hostel.application.undertaking_text')} name="undertaking_to_vacate" checked={undertaking} onChecked={setUndertaking} error={action.errors.fields.undertaking_to_vacate} />
      )}
      <p class="muted" data-testid="hostel-form-kind">
        {t(formFor(g) === 'app1' ? 'hostel.application.form_app1' : 'hostel.application.form_app2')} <RuleRef rule="HST-APP-3" />
      </p>
      {action.alert}
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy} data-testid="hostel-apply-submit">
          {t(paper ? 'ui.hostel.application.register_paper' : 'ui.hostel.application.submit')}
        </button>
      </div>
    </form>
  );
}
