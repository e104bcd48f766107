// A body's work plans (PLAN-1): one per academic year, items with a direction, a responsible
// person, a due date and a status; approved by an adopted decision on "approve the work plan".
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList, RuleRef } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, ruleOf, type FormErrors } from '../../errors';
import { formatDate, todayInAlmaty } from '../../format';
import { t, tOr } from '../../i18n';
import { bodyPath, meetingTitle, useResource } from '../bodies/bodies-api';
import type { BodyDetail, Id, Meeting, MeetingSummary } from '../bodies/bodies-types';
import { academicYearOf, DIRECTIONS, PLAN_ITEM_FIELDS, PLAN_ITEM_STATUSES, planItemBody, validAcademicYear, type Plan, type PlanItemForm } from './activities';

export const directionName = (direction: string) => tOr('report.direction.', direction);

export function PlansSection({ detail, runs }: { detail: BodyDetail; runs: boolean }) {
  const { locale } = useApp();
  const [plans, reload] = useResource<{ items: Plan[] }>(`${bodyPath(String(detail.id))}/plans`, [locale]);
  return (
    <section id="plans" class="section card" aria-labelledby="plans-title" data-testid="plans">
      <h2 id="plans-title">
        {t('ui.plans.title')} <RuleRef rule="PLAN-1" />
      </h2>
      {plans.state === 'loading' && <Loading />}
      {plans.state === 'failed' && <Alert>{plans.message}</Alert>}
      {plans.state === 'ready' &&
        (plans.data.items.length === 0 ? (
          <p class="muted">{t('ui.plans.empty')}</p>
        ) : (
          plans.data.items.map((plan) => <PlanCard key={String(plan.id)} plan={plan} detail={detail} runs={runs} onChanged={reload} />)
        ))}
      {runs && <CreatePlan bodyId={detail.id} onCreated={reload} />}
    </section>
  );
}

function CreatePlan({ bodyId, onCreated }: { bodyId: Id; onCreated: () => Promise<void> }) {
  const [year, setYear] = useState(academicYearOf(todayInAlmaty()));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!validAcademicYear(year)) {
      setErrors({ fields: { academic_year: t('ui.plans.year_format') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`${bodyPath(String(bodyId))}/plans`, { academic_year: year.trim() });
      await onCreated();
    } catch (error) {
      setErrors(formErrors(error, ['academic_year']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form inline-form" noValidate onSubmit={submit} data-testid="create-plan">
      <ErrorList messages={errors.general} />
      <TextField label={t('ui.plans.academic_year')} name="academic_year" hint={t('ui.plans.year_hint')} value={year} onValue={setYear} error={errors.fields.academic_year} autoComplete="off" />
      <div class="form-actions">
        <button type="submit" class="button button-secondary" disabled={busy}>
          {t('ui.plans.create')}
        </button>
      </div>
    </form>
  );
}

function PlanCard({ plan, detail, runs, onChanged }: { plan: Plan; detail: BodyDetail; runs: boolean; onChanged: () => Promise<void> }) {
  const { locale } = useApp();
  const [failure, setFailure] = useState<string | null>(null);
  const setStatus = async (itemId: Id, status: string) => {
    setFailure(null);
    try {
      await api.patch(`/api/v1/plan-items/${encodeURIComponent(String(itemId))}`, { status });
      await onChanged();
    } catch (error) {
      setFailure(problemMessage(error));
    }
  };
  return (
    <article class="plan" data-plan-id={String(plan.id)} data-status={plan.status} aria-labelledby={`plan-${String(plan.id)}-title`}>
      <h3 id={`plan-${String(plan.id)}-title`}>
        {t('ui.plans.plan_title', { year: plan.academic_year })}{' '}
        <span class={`badge badge-plan-${plan.status}`} data-testid="plan-status">
          {t(plan.status === 'approved' ? 'ui.plans.status.approved' : 'ui.plans.status.draft')}
        </span>
      </h3>
      {plan.status === 'approved' && plan.approved_at && <p class="muted">{t('ui.plans.approved_on', { date: formatDate(plan.approved_at.slice(0, 10), locale) })}</p>}
      {failure && <Alert>{failure}</Alert>}
      {plan.items.length === 0 ? (
        <p class="muted">{t('ui.plans.items_empty')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table" data-testid="plan-items">
            <thead>
              <tr>
                <th scope="col">{t('ui.plans.direction')}</th>
                <th scope="col">{t('ui.plans.item_title')}</th>
                <th scope="col">{t('ui.plans.responsible')}</th>
                <th scope="col">{t('ui.plans.due_on')}</th>
                <th scope="col">{t('ui.plans.status')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.items.map((item) => (
                <tr key={String(item.id)} data-item-id={String(item.id)} data-status={item.status}>
                  <td>{directionName(item.direction)}</td>
                  <td>{item.title}</td>
                  <td>{item.responsible ?? '—'}</td>
                  <td>{formatDate(item.due_on, locale)}</td>
                  <td>
                    {runs ? (
                      <SelectField
                        label={t('ui.plans.status_of', { title: item.title })}
                        class="label-hidden"
                        name="item_status"
                        value={item.status}
                        onValue={(value) => setStatus(item.id, value)}
                        options={PLAN_ITEM_STATUSES.map((value) => ({ value, label: t(`ui.plans.item_status.${value}`) }))}
                      />
                    ) : (
                      t(`ui.plans.item_status.${item.status}`)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {runs && <AddPlanItem plan={plan} onAdded={onChanged} />}
      {runs && plan.status === 'draft' && <ApprovePlan plan={plan} detail={detail} onApproved={onChanged} />}
    </article>
  );
}

const EMPTY_ITEM: PlanItemForm = { direction: '', title: '', responsible: null, due_on: '' };

function AddPlanItem({ plan, onAdded }: { plan: Plan; onAdded: () => Promise<void> }) {
  const [form, setForm] = useState<PlanItemForm>(EMPTY_ITEM);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof PlanItemForm>(key: K) => (value: PlanItemForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const submit = async (event: Event) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.direction) local.direction = t('field.required');
    if (!form.title.trim()) local.title = t('field.required');
    if (!form.due_on) local.due_on = t('field.required');
    if (Object.keys(local).length) {
      setErrors({ fields: local, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`/api/v1/plans/${encodeURIComponent(String(plan.id))}/items`, planItemBody({ ...form, responsible: person }));
      setForm(EMPTY_ITEM);
      setPerson(null);
      await onAdded();
    } catch (error) {
      setErrors(formErrors(error, PLAN_ITEM_FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="plan-add">
      <summary>{t('ui.plans.add_item')}</summary>
      <form class="form" noValidate onSubmit={submit} data-testid="add-plan-item">
        <ErrorList messages={errors.general} />
        <div class="grid-2">
          <SelectField
            label={t('ui.plans.direction')}
            name="direction"
            required
            value={form.direction}
            onValue={set('direction')}
            error={errors.fields.direction}
            options={[{ value: '', label: t('ui.common.choose') }, ...DIRECTIONS.map((value) => ({ value, label: directionName(value) }))]}
          />
          <TextField label={t('ui.plans.item_title')} name="title" required maxLength={500} value={form.title} onValue={set('title')} error={errors.fields.title} autoComplete="off" />
          <PersonPicker label={t('ui.plans.responsible')} name="responsible_person_id" value={person} onValue={setPerson} error={errors.fields.responsible_person_id} />
          <TextField label={t('ui.plans.due_on')} name="due_on" type="date" required value={form.due_on} onValue={set('due_on')} error={errors.fields.due_on} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.plans.add_item_submit')}
          </button>
        </div>
      </form>
    </details>
  );
}

interface Decision {
  id: Id;
  label: string;
  kind: string;
}

/** Adopted decisions of this body's sessions and of the bodies around it (parent, siblings, parts). */
async function loadDecisions(detail: BodyDetail): Promise<Decision[]> {
  const ids = new Set<string>([String(detail.id), ...detail.children.map((child) => String(child.id))]);
  if (detail.parent_id != null) {
    ids.add(String(detail.parent_id));
    const parent = await api.get<BodyDetail>(bodyPath(String(detail.parent_id)));
    for (const sibling of parent.children) ids.add(String(sibling.id));
  }
  const out: Decision[] = [];
  for (const id of ids) {
    const [body, meetings] = await Promise.all([api.get<BodyDetail>(bodyPath(id)), api.get<{ items: MeetingSummary[] }>(`${bodyPath(id)}/meetings`)]);
    for (const summary of meetings.items) {
      const meeting = await api.get<Meeting>(`/api/v1/meetings/${encodeURIComponent(String(summary.id))}`);
      for (const item of meeting.items)
        if (item.outcome === 'adopted')
          out.push({ id: item.id, kind: item.kind, label: `${body.name} · ${meetingTitle(meeting.number)} · ${item.title} (${tOr('ui.meeting.kind.', item.kind)})` });
    }
  }
  // Decisions on approving a work plan first.
  return out.sort((a, b) => Number(b.kind === 'approve_work_plan') - Number(a.kind === 'approve_work_plan'));
}

function ApprovePlan({ plan, detail, onApproved }: { plan: Plan; detail: BodyDetail; onApproved: () => Promise<void> }) {
  const [decisions, setDecisions] = useState<Decision[] | null>(null);
  const [choice, setChoice] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      setDecisions(await loadDecisions(detail));
    } catch (error) {
      setErrors({ fields: {}, general: [problemMessage(error)] });
    } finally {
      setBusy(false);
    }
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    if (!choice) {
      setErrors({ fields: { agenda_item_id: t('field.required') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`/api/v1/plans/${encodeURIComponent(String(plan.id))}/approve`, { agenda_item_id: Number(choice) });
      await onApproved();
    } catch (error) {
      const mapped = formErrors(error, ['agenda_item_id']);
      const rid = ruleOf(error);
      // The refusal sits next to the decision, with its rule id.
      if (rid && mapped.fields.agenda_item_id === undefined) mapped.fields.agenda_item_id = problemMessage(error);
      setErrors(mapped);
      setRule(rid);
    } finally {
      setBusy(false);
    }
  };
  if (!decisions)
    return (
      <div class="form-actions">
        <ErrorList messages={errors.general} />
        <button type="button" class="button button-secondary" disabled={busy} onClick={open} data-action="approve-plan">
          {busy ? t('ui.common.loading') : t('ui.plans.approve')}
        </button>
      </div>
    );
  return (
    <form class="form" noValidate onSubmit={submit} data-testid="approve-plan">
      <ErrorList messages={errors.general} rule={rule} />
      {decisions.length === 0 ? (
        <p class="muted">{t('ui.plans.no_decisions')}</p>
      ) : (
        <SelectField
          label={t('ui.plans.decision')}
          name="agenda_item_id"
          required
          hint={t('ui.plans.decision_hint')}
          value={choice}
          onValue={setChoice}
          error={errors.fields.agenda_item_id && (rule ? `${errors.fields.agenda_item_id} (${t('ui.rule.ref', { rule })})` : errors.fields.agenda_item_id)}
          options={[{ value: '', label: t('ui.common.choose') }, ...decisions.map((d) => ({ value: String(d.id), label: d.label }))]}
        />
      )}
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy || decisions.length === 0}>
          {t('ui.plans.approve_submit')}
        </button>
      </div>
    </form>
  );
}
