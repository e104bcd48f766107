// One body: its rules in force (quorum, majority, terms, composition; versioned by effective date),
// its members (ORG-4 acceptance, ORG-5 resignation, ORG-9 non-voting secretary), nested bodies,
// sessions and convening one (MTG-1).
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList, RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, ruleOf, type FormErrors } from '../../errors';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import { PlansSection } from '../activities/PlansSection';
import { ReportsSection } from '../activities/ReportsSection';
import { CandidatesSection } from './CandidatesSection';
import { FoundingActNote, FoundingSection } from './FoundingSection';
import { offersExOfficio, seatBasis } from './candidates';
import { bodyPath, meetingTitle, positionName, templateName, templateOf, useAbilities, useBody, useList, useResource } from './bodies-api';
import type { BodyDetail, BodyRules, BodySummary, BodyTemplate, Meeting, MeetingSummary, Membership, Threshold } from './bodies-types';
import { END_REASONS, THRESHOLD_BASES, THRESHOLD_COMPARISONS } from './bodies-types';
import {
  CONVENE_FIELDS,
  conveneBody,
  defaultConvener,
  almatyTimeNow,
  isViceChair,
  MEMBER_FIELDS,
  memberBody,
  pickerKind,
  RULES_FIELDS,
  rulesBody,
  rulesForm,
  termRuleIds,
  thresholdValues,
  type ConveneForm,
  type RulesForm,
  type ThresholdForm,
} from './bodies';
import type { CaseSummary } from '../discipline/discipline';

const focusFirstInvalid = (form: HTMLFormElement | null) =>
  window.setTimeout(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

/** A Disciplinary Committee's cases, for its members (DISC-CMT-1): each links to its file. Shown
 *  only when the server lets this user list them. */
function CommitteeCases({ bodyId }: { bodyId: string }) {
  const { locale } = useApp();
  const [cases] = useResource<{ items: CaseSummary[] }>(`${bodyPath(bodyId)}/discipline-cases`, [locale]);
  if (cases.state === 'failed') return null;
  return (
    <section class="section card" data-testid="committee-cases">
      <h2>{t('ui.discipline.cases')}</h2>
      {cases.state === 'loading' && <Loading />}
      {cases.state === 'ready' && cases.data.items.length === 0 && <p class="muted">{t('ui.discipline.no_cases')}</p>}
      {cases.state === 'ready' && cases.data.items.length > 0 && (
        <ul class="plain-list">
          {cases.data.items.map((c) => (
            <li key={String(c.id)} data-case-id={String(c.id)}>
              <Link href={`/discipline/cases/${c.id}`}>{t('ui.discipline.case_title', { number: c.number })}</Link>
              <span class="muted">
                {' · '}
                {formatDate(c.opened_on, locale)} · {t(`ui.discipline.status.${c.status}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function BodyPage({ params, search }: RouteProps) {
  const { locale } = useApp();
  const [body, reloadBody] = useBody(params.id, locale);
  const [templates] = useList<BodyTemplate>('/api/v1/body-templates', [locale]);
  // The server's policies say what this user may do here (GET /api/v1/me/abilities); a
  // confidential commission's sessions are not even asked for by those who may not see them.
  const may = useAbilities('body', params.id);
  const [meetings] = useResource<{ items: MeetingSummary[] }>(may('body.read_sessions') ? `${bodyPath(params.id)}/meetings` : null, [locale]);
  const parentId = body.state === 'ready' && body.data.parent_id != null ? String(body.data.parent_id) : null;
  const [parent] = useResource<BodySummary>(parentId ? bodyPath(parentId) : null, [locale]);
  const created = new URLSearchParams(search).get('created');

  if (body.state === 'loading') return <Loading />;
  if (body.state === 'failed')
    return (
      <>
        <p class="breadcrumb">
          <Link href="/bodies">{t('ui.body.back')}</Link>
        </p>
        <PageHeader title={t('ui.bodies.title')} />
        <Alert>{body.message}</Alert>
      </>
    );
  const detail = body.data;
  const template = templateOf(templates, detail.template);
  const manage = may('body.manage');
  const runs = may('body.run');

  return (
    <>
      <p class="breadcrumb">
        {parent.state === 'ready' && parentId ? (
          <Link href={`/bodies/${encodeURIComponent(parentId)}`}>{parent.data.name}</Link>
        ) : (
          <Link href="/bodies">{t('ui.body.back')}</Link>
        )}
      </p>
      <PageHeader title={detail.name} subtitle={templateName(detail.template, template?.name)}>
        {/* ORG-11: the instructions the Council or the President gives the Secretariat, seen from either side. */}
        {may('body.read_instructions') && ['council', 'secretariat', 'small_assembly', 'student_government'].includes(detail.template) && (
          <Link href={`/bodies/${encodeURIComponent(params.id)}/instructions`} data-testid="body-instructions">{t('ui.instructions.title')}</Link>
        )}
      </PageHeader>
      {manage && <RenameBody detail={detail} onRenamed={reloadBody} />}
      {detail.confidential && (
        <p class="flag flag-warning" data-testid="confidential">
          {t('ui.body.confidential')}
        </p>
      )}
      {created && <Alert kind="success">{t('ui.bodies.created', { name: detail.name })}</Alert>}
      {(detail.overdue || detail.composition_problems.length > 0) && (
        <ul class="body-flags" data-testid="body-flags">
          {detail.overdue && (
            <li class="flag flag-warning" data-testid="overdue">
              {t('ui.bodies.overdue')} <RuleRef rule="MTG-1" />
            </li>
          )}
          {detail.composition_problems.map((problem) => (
            <li key={problem.code} class="flag flag-danger" data-testid="composition-problem" data-code={problem.code}>
              {problem.message} <RuleRef rule={problem.rule} />
            </li>
          ))}
        </ul>
      )}
      <RulesSection detail={detail} manage={manage} onSaved={reloadBody} />
      <FoundingActNote detail={detail} locale={locale} />
      {/* ORG-6: a body with nobody yet is staffed in one step by the administration's order (rows
          per position of its template, so the form waits for the templates). */}
      {may('body.found') && template && detail.members.length === 0 && !detail.founding_act && <FoundingSection detail={detail} template={template} onSaved={reloadBody} />}
      <MembersSection detail={detail} template={template} manage={manage} onChanged={reloadBody} />
      <CandidatesSection detail={detail} template={template} runs={runs} onSeated={reloadBody} />
      {detail.children.length > 0 && (
        <section class="section card" aria-labelledby="children-title">
          <h2 id="children-title">{t('ui.body.children')}</h2>
          <ul class="plain-list" data-testid="body-children">
            {detail.children.map((child) => (
              <li key={String(child.id)}>
                <Link href={`/bodies/${encodeURIComponent(String(child.id))}`}>{child.name}</Link>
                <span class="muted"> · {t('ui.bodies.member_count', { count: child.member_count })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section class="section card" aria-labelledby="sessions-title" data-testid="sessions">
        <h2 id="sessions-title">{t('ui.body.sessions')}</h2>
        {!may('body.read_sessions') && <p class="muted" data-testid="sessions-confidential">{t('ui.body.sessions_confidential')}</p>}
        {may('body.read_sessions') && (
          <p>
            <a href={`${bodyPath(params.id)}/calendar.ics`} type="text/calendar" data-testid="body-calendar">
              {t('ui.body.calendar')}
            </a>
          </p>
        )}
        {may('body.read_sessions') && meetings.state === 'loading' && <Loading />}
        {meetings.state === 'failed' && <Alert>{meetings.message}</Alert>}
        {meetings.state === 'ready' &&
          (meetings.data.items.length === 0 ? (
            <p class="muted">{t('ui.body.sessions_empty')}</p>
          ) : (
            <ul class="plain-list">
              {meetings.data.items.map((meeting) => (
                <li key={String(meeting.id)} data-meeting-id={String(meeting.id)}>
                  <Link href={`/meetings/${encodeURIComponent(String(meeting.id))}`}>{meetingTitle(meeting.number)}</Link>
                  {meeting.extraordinary && (
                    <>
                      {' '}
                      <span class="badge badge-extraordinary" data-testid="extraordinary">
                        {t('ui.meeting.extraordinary')}
                      </span>
                    </>
                  )}
                  <span class="muted">
                    {' · '}
                    {t('ui.meeting.when_where', {
                      date: meeting.starts_at ? t('ui.meeting.when_time', { date: formatDate(meeting.held_on, locale), time: meeting.starts_at }) : formatDate(meeting.held_on, locale),
                      place: meeting.place,
                      year: meeting.academic_year,
                    })}
                    {' · '}
                    <span data-status={meeting.status}>{t(`ui.meeting.status_${meeting.status === 'scheduled' || meeting.status === 'open' ? meeting.status : 'closed'}`)}</span>
                  </span>
                </li>
              ))}
            </ul>
          ))}
        {runs && <ConveneForm detail={detail} />}
      </section>
      {detail.template === 'disciplinary_committee' && <CommitteeCases bodyId={String(detail.id)} />}
      <PlansSection detail={detail} runs={runs} />
      <ReportsSection bodyId={detail.id} runs={runs} />
    </>
  );
}

// ---- rules

function ThresholdText({ threshold }: { threshold: Threshold }) {
  return (
    <>
      {t('ui.body.threshold', thresholdValues(threshold))} <RuleRef rule={threshold.rule} />
    </>
  );
}

function RulesView({ rules }: { rules: BodyRules }) {
  const termIds = termRuleIds(rules);
  const min = rules.min_voting_members ?? 0;
  const composition = rules.odd_voting_members
    ? min > 0
      ? t('ui.body.composition_odd_min', { min })
      : t('ui.body.composition_odd')
    : min > 0
      ? t('ui.body.composition_min', { min })
      : t('ui.body.composition_free');
  return (
    <dl class="facts rules-facts" data-testid="rules">
      <div data-rule-row="quorum">
        <dt>{t('ui.body.quorum')}</dt>
        <dd>
          <ThresholdText threshold={rules.quorum} />
        </dd>
      </div>
      <div data-rule-row="majority">
        <dt>{t('ui.body.majority')}</dt>
        <dd>
          <ThresholdText threshold={rules.majority} />
        </dd>
      </div>
      <div data-rule-row="interval">
        <dt>{t('ui.body.max_interval')}</dt>
        <dd>
          {t('ui.body.months', { count: rules.max_months_between_sessions })} <RuleRef rule="MTG-1" />
        </dd>
      </div>
      <div data-rule-row="term">
        <dt>{t('ui.body.term')}</dt>
        <dd>
          {rules.term_months != null ? t('ui.body.months', { count: rules.term_months }) : t('ui.body.not_limited')}
          {rules.max_consecutive_terms != null && <> · {t('ui.body.max_terms_value', { count: rules.max_consecutive_terms })}</>}
          {rules.reappointment_allowed === false && <> · {t('ui.body.no_reappointment')}</>}
          {termIds.map((id) => (
            <Fragment key={id}>
              {' '}
              <RuleRef rule={id} />
            </Fragment>
          ))}
        </dd>
      </div>
      <div data-rule-row="composition">
        <dt>{t('ui.body.composition')}</dt>
        <dd>
          {composition}
          {rules.equal_per_school && <> · {t('ui.body.equal_per_school_on')}</>}
          {(rules.odd_voting_members || min > 0 || rules.equal_per_school) && (
            <>
              {' '}
              <RuleRef rule="ORG-9" />
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}

/** Renaming replaces the template's name, which follows the reader's language, by one typed name for every language (GEN-1). */
function RenameBody({ detail, onRenamed }: { detail: BodyDetail; onRenamed: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(detail.name);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (editing) formRef.current?.querySelector<HTMLElement>('input[name=name]')?.focus();
  }, [editing]);
  if (!editing)
    return (
      <div class="rename-body">
        {notice && <Alert kind="success">{notice}</Alert>}
        <button
          ref={button}
          type="button"
          class="button button-secondary button-small"
          data-testid="rename-body"
          onClick={() => {
            setName(detail.name);
            setErrors(NO_ERRORS);
            setNotice(null);
            setEditing(true);
          }}
        >
          {t('ui.body.rename')}
        </button>
      </div>
    );
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.patch(bodyPath(String(detail.id)), { name: name.trim() });
      setEditing(false);
      await onRenamed();
      setNotice(t('ui.body.renamed'));
      window.setTimeout(() => button.current?.focus(), 0);
    } catch (error) {
      setErrors(formErrors(error, ['name']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form ref={formRef} class="card form rename-body" onSubmit={submit} data-testid="rename-body-form">
      <TextField
        label={t('ui.body.name')}
        name="name"
        value={name}
        onValue={setName}
        required
        maxLength={200}
        error={errors.fields.name}
        hint={detail.name_from_template ? t('ui.body.rename_hint_template') : undefined}
      />
      <ErrorList messages={errors.general} />
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {t('ui.common.save')}
        </button>
        <button
          type="button"
          class="button button-secondary"
          onClick={() => {
            setEditing(false);
            window.setTimeout(() => button.current?.focus(), 0);
          }}
        >
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}

function RulesSection({ detail, manage, onSaved }: { detail: BodyDetail; manage: boolean; onSaved: () => Promise<void> }) {
  const { locale } = useApp();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  return (
    <section class="section card" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('ui.body.rules')}</h2>
      {notice && <Alert kind="success">{notice}</Alert>}
      <RulesView rules={detail.rules} />
      {detail.rule_versions.length > 1 && (
        <p class="muted rule-versions" data-testid="rule-versions">
          {t('ui.body.rule_versions', { list: detail.rule_versions.filter((date) => date > '2000-01-01').map((date) => formatDate(date, locale)).join(', ') })}
        </p>
      )}
      {manage && !editing && (
        <button
          ref={editButton}
          type="button"
          class="button button-secondary"
          onClick={() => {
            setNotice(null);
            setEditing(true);
          }}
        >
          {t('ui.body.edit_rules')}
        </button>
      )}
      {manage && editing && (
        <RulesEditor
          rules={detail.rules}
          bodyId={String(detail.id)}
          onCancel={() => {
            setEditing(false);
            window.setTimeout(() => editButton.current?.focus(), 0);
          }}
          onSaved={async (from) => {
            setEditing(false);
            await onSaved();
            setNotice(t('ui.body.rules_saved', { date: formatDate(from, locale) }));
            window.setTimeout(() => editButton.current?.focus(), 0);
          }}
        />
      )}
    </section>
  );
}

function RulesEditor({ rules, bodyId, onCancel, onSaved }: { rules: BodyRules; bodyId: string; onCancel: () => void; onSaved: (from: string) => Promise<void> }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<RulesForm>(() => rulesForm(rules, todayInAlmaty()));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => formRef.current?.querySelector<HTMLElement>('input[name=effective_from]')?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    const built = rulesBody(form);
    if ('invalid' in built) {
      const fields: Record<string, string> = {};
      for (const [path, code] of Object.entries(built.invalid)) fields[path] = t(code === 'required' ? 'field.required' : 'ui.body.whole_number');
      setErrors({ fields, general: [] });
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.put(`${bodyPath(bodyId)}/rules`, built.body);
      await onSaved(form.effective_from);
    } catch (error) {
      setErrors(formErrors(error, RULES_FIELDS));
      setRule(ruleOf(error));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  const set = <K extends keyof RulesForm>(key: K) => (value: RulesForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const setPart = (part: 'quorum' | 'majority', key: keyof ThresholdForm) => (value: string) =>
    setForm((current) => ({ ...current, [part]: { ...current[part], [key]: value } }));

  const thresholdFields = (part: 'quorum' | 'majority') => (
    <fieldset class="rules-threshold">
      <legend>
        {t(part === 'quorum' ? 'ui.body.quorum' : 'ui.body.majority')} <RuleRef rule={rules[part].rule} />
      </legend>
      <div class="grid-2">
        <SelectField
          label={t('ui.body.comparison')}
          name={`${part}.comparison`}
          value={form[part].comparison}
          onValue={setPart(part, 'comparison')}
          error={errors.fields[`${part}.comparison`]}
          options={THRESHOLD_COMPARISONS.map((value) => ({ value, label: t(`ui.body.comparison.${value}`) }))}
        />
        <SelectField
          label={t('ui.body.base')}
          name={`${part}.base`}
          value={form[part].base}
          onValue={setPart(part, 'base')}
          error={errors.fields[`${part}.base`]}
          options={THRESHOLD_BASES.map((value) => ({ value, label: t(`ui.body.base.${value}`) }))}
        />
        <TextField
          label={t('ui.body.numerator')}
          name={`${part}.numerator`}
          inputMode="numeric"
          required
          value={form[part].numerator}
          onValue={setPart(part, 'numerator')}
          error={errors.fields[`${part}.numerator`]}
        />
        <TextField
          label={t('ui.body.denominator')}
          name={`${part}.denominator`}
          inputMode="numeric"
          required
          value={form[part].denominator}
          onValue={setPart(part, 'denominator')}
          error={errors.fields[`${part}.denominator`]}
        />
      </div>
    </fieldset>
  );

  return (
    <form ref={formRef} class="form rules-form" noValidate onSubmit={submit} data-testid="rules-form">
      <h3 class="subheading">{t('ui.body.edit_rules')}</h3>
      <ErrorList messages={errors.general} rule={rule} />
      <TextField
        class="field-narrow"
        label={t('ui.body.effective_from')}
        name="effective_from"
        type="date"
        required
        hint={t('ui.body.effective_from_hint')}
        value={form.effective_from}
        onValue={set('effective_from')}
        error={errors.fields.effective_from}
      />
      {thresholdFields('quorum')}
      {thresholdFields('majority')}
      <div class="grid-3">
        <TextField
          label={t('ui.body.max_interval_months')}
          name="max_months_between_sessions"
          inputMode="numeric"
          required
          value={form.max_months_between_sessions}
          onValue={set('max_months_between_sessions')}
          error={errors.fields.max_months_between_sessions}
        />
        <TextField
          label={t('ui.body.term_months')}
          name="term_months"
          inputMode="numeric"
          hint={t('ui.body.empty_not_limited')}
          value={form.term_months}
          onValue={set('term_months')}
          error={errors.fields.term_months}
        />
        <TextField
          label={t('ui.body.max_terms')}
          name="max_consecutive_terms"
          inputMode="numeric"
          hint={t('ui.body.empty_not_limited')}
          value={form.max_consecutive_terms}
          onValue={set('max_consecutive_terms')}
          error={errors.fields.max_consecutive_terms}
        />
        <TextField
          label={t('ui.body.min_voting')}
          name="min_voting_members"
          inputMode="numeric"
          required
          value={form.min_voting_members}
          onValue={set('min_voting_members')}
          error={errors.fields.min_voting_members}
        />
      </div>
      <CheckboxField label={t('ui.body.reappointment_allowed')} name="reappointment_allowed" checked={form.reappointment_allowed} onChecked={set('reappointment_allowed')} error={errors.fields.reappointment_allowed} />
      <CheckboxField label={t('ui.body.odd_voting')} name="odd_voting_members" checked={form.odd_voting_members} onChecked={set('odd_voting_members')} error={errors.fields.odd_voting_members} />
      <CheckboxField label={t('ui.body.equal_per_school')} name="equal_per_school" checked={form.equal_per_school} onChecked={set('equal_per_school')} error={errors.fields.equal_per_school} />
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('ui.common.saving') : t('ui.body.save_rules')}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}

// ---- members

function MembersSection({ detail, template, manage, onChanged }: { detail: BodyDetail; template: BodyTemplate | null; manage: boolean; onChanged: () => Promise<void> }) {
  const { locale } = useApp();
  const heading = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const today = todayInAlmaty();

  return (
    <section class="section card" aria-labelledby="members-title" data-testid="members">
      <h2 id="members-title" ref={heading} tabIndex={-1}>
        {t('ui.body.members')} <span class="muted members-total">({t('ui.bodies.voting_of_total', { voting: detail.voting_members, total: detail.member_count })})</span>
      </h2>
      {notice && <Alert kind="success">{notice}</Alert>}
      {detail.members.length === 0 ? (
        <p class="muted">{t('ui.body.members_empty')}</p>
      ) : (
        <table class="table responsive-table members-table" data-testid="members-table">
          <thead>
            <tr>
              <th scope="col">{t('ui.body.person')}</th>
              <th scope="col">{t('ui.body.position')}</th>
              <th scope="col">{t('ui.body.vote')}</th>
              <th scope="col">{t('ui.body.term_column')}</th>
              {manage && (
                <th scope="col">
                  <span class="visually-hidden">{t('ui.common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {detail.members.map((member) => {
              const id = String(member.id);
              const name = member.full_name ?? String(member.person_id);
              const seat = seatBasis(member);
              return (
                <Fragment key={id}>
                  <tr data-membership-id={id} data-person-id={String(member.person_id)}>
                    <th scope="row" data-label={t('ui.body.person')}>
                      {name}
                    </th>
                    <td data-label={t('ui.body.position')} data-testid="position">
                      {positionName(member.position)}
                      {seat && (
                        <>
                          {' '}
                          <span class={`badge badge-seat-${seat}`} data-testid="seat" data-seat={seat}>
                            {t(`ui.body.seat.${seat}`)}
                          </span>
                        </>
                      )}
                    </td>
                    <td data-label={t('ui.body.vote')} data-testid="voting">
                      {member.voting ? t('ui.body.voting') : t('ui.body.non_voting')}
                    </td>
                    <td data-label={t('ui.body.term_column')}>
                      {member.ends_on
                        ? t('ui.body.term_range', { from: formatDate(member.starts_on, locale), to: formatDate(member.ends_on, locale) })
                        : t('ui.body.since', { from: formatDate(member.starts_on, locale) })}
                    </td>
                    {manage && (
                      <td>
                        {ending !== id && (
                          <button type="button" class="button button-danger button-small" data-end-membership={id} onClick={() => setEnding(id)}>
                            {t('ui.body.end_membership')}
                            <span class="visually-hidden"> {name}</span>
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                  {manage && ending === id && (
                    <tr class="confirm-row">
                      <td colSpan={5}>
                        <EndMembership
                          bodyId={String(detail.id)}
                          member={member}
                          today={today}
                          onCancel={() => {
                            setEnding(null);
                            window.setTimeout(() => document.querySelector<HTMLButtonElement>(`[data-end-membership="${CSS.escape(id)}"]`)?.focus(), 0);
                          }}
                          onEnded={async () => {
                            setEnding(null);
                            setNotice(null);
                            await onChanged();
                            setNotice(t('ui.body.membership_ended', { name }));
                            heading.current?.focus();
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
      {manage && (
        <AddMemberForm
          detail={detail}
          template={template}
          onAdded={async (text) => {
            setNotice(null);
            await onChanged();
            setNotice(text);
          }}
        />
      )}
    </section>
  );
}

function EndMembership({ bodyId, member, today, onCancel, onEnded }: { bodyId: string; member: Membership; today: string; onCancel: () => void; onEnded: () => Promise<void> }) {
  const { locale } = useApp();
  const box = useRef<HTMLDivElement>(null);
  const [reason, setReason] = useState('resigned');
  const [on, setOn] = useState(today);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  useEffect(() => box.current?.querySelector<HTMLElement>('select')?.focus(), []);
  const name = member.full_name ?? String(member.person_id);

  const confirm = async () => {
    // The API takes a last day before the first one; such a membership would never have been.
    if (on.trim() && on.trim() < member.starts_on) {
      setErrors({ fields: { on: t('ui.body.end_before_start', { date: formatDate(member.starts_on, locale) }) }, general: [] });
      window.setTimeout(() => box.current?.querySelector<HTMLElement>('input[name=on]')?.focus(), 0);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`${bodyPath(bodyId)}/members/${encodeURIComponent(String(member.id))}/end`, on.trim() ? { reason, on: on.trim() } : { reason });
      await onEnded();
    } catch (error) {
      setErrors(formErrors(error, ['reason', 'on']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      ref={box}
      class="confirm-box"
      role="group"
      aria-labelledby={`end-${String(member.id)}`}
      data-testid="end-membership"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p id={`end-${String(member.id)}`}>{t('ui.body.end_question', { name })}</p>
      <ErrorList messages={errors.general} />
      <div class="grid-2">
        <SelectField
          label={t('ui.body.end_reason')}
          name="reason"
          value={reason}
          onValue={setReason}
          error={errors.fields.reason}
          options={END_REASONS.map((value) => ({ value, label: t(`ui.body.end_reason.${value}`) }))}
        />
        <TextField label={t('ui.body.end_on')} name="on" type="date" value={on} onValue={setOn} error={errors.fields.on} />
      </div>
      <div class="form-actions">
        <button type="button" class="button button-danger" disabled={busy} onClick={confirm} data-testid="end-yes">
          {t('ui.body.end_confirm')}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </div>
  );
}

function AddMemberForm({ detail, template, onAdded }: { detail: BodyDetail; template: BodyTemplate | null; onAdded: (notice: string) => Promise<void> }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [position, setPosition] = useState('');
  const [startsOn, setStartsOn] = useState(todayInAlmaty());
  const [endsOn, setEndsOn] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [exOfficio, setExOfficio] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const positions = template?.positions ?? [];
  const nonVoting = (template?.non_voting ?? []).includes(position);
  const byDecision = offersExOfficio(detail.rules);

  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    const local: Record<string, string> = {};
    if (!person) local.person_id = t('ui.body.choose_person');
    if (!position) local.position = t('ui.body.choose_position');
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, general: [] });
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`${bodyPath(String(detail.id))}/members`, memberBody({ person_id: person?.id ?? null, position, starts_on: startsOn, ends_on: endsOn, accepted_regulation: accepted, ...(byDecision ? { ex_officio: exOfficio } : {}) }));
      const text = t('ui.body.member_added', { name: person?.full_name ?? '', position: positionName(position) });
      setPerson(null);
      setPosition('');
      setEndsOn('');
      setAccepted(false);
      setExOfficio(false);
      await onAdded(text);
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('input[name=person_id]')?.focus(), 0);
    } catch (error) {
      setErrors(formErrors(error, MEMBER_FIELDS));
      setRule(ruleOf(error));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3 class="subheading">{t('ui.body.add_member')}</h3>
      <form ref={formRef} class="form" noValidate onSubmit={submit} data-testid="add-member">
        <ErrorList messages={errors.general} rule={rule} />
        <PersonPicker
          label={t('ui.body.person')}
          name="person_id"
          value={person}
          onValue={setPerson}
          exclude={detail.members.map((member) => member.person_id)}
          kind={pickerKind(template, position) ?? undefined}
          required
          error={errors.fields.person_id}
        />
        <div class="grid-3">
          <SelectField
            label={t('ui.body.position')}
            name="position"
            required
            value={position}
            onValue={setPosition}
            error={errors.fields.position ?? errors.fields.voting}
            hint={nonVoting ? t('ui.body.position_non_voting') : undefined}
            options={[{ value: '', label: t('ui.common.choose') }, ...positions.map((value) => ({ value, label: positionName(value) }))]}
          />
          <TextField label={t('ui.body.starts_on')} name="starts_on" type="date" required value={startsOn} onValue={setStartsOn} error={errors.fields.starts_on} />
          <TextField label={t('ui.body.ends_on')} name="ends_on" type="date" hint={t('ui.body.ends_on_hint')} value={endsOn} onValue={setEndsOn} error={errors.fields.ends_on} />
        </div>
        <CheckboxField
          label={t('ui.body.accepted_regulation')}
          name="accepted_regulation"
          hint={t('ui.body.accepted_regulation_hint')}
          checked={accepted}
          onChecked={setAccepted}
          error={errors.fields.accepted_regulation}
        />
        {byDecision && (
          <CheckboxField
            label={t('ui.body.ex_officio')}
            name="ex_officio"
            hint={t('ui.body.ex_officio_hint')}
            checked={exOfficio}
            onChecked={setExOfficio}
            error={errors.fields.ex_officio && (rule ? `${errors.fields.ex_officio} (${t('ui.rule.ref', { rule })})` : errors.fields.ex_officio)}
          />
        )}
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.body.add_member_submit')}
          </button>
        </div>
      </form>
    </>
  );
}

// ---- convening a session

function ConveneForm({ detail }: { detail: BodyDetail }) {
  const formRef = useRef<HTMLFormElement>(null);
  // The start defaults to now: a session convened on the spot opens at once (MTG-1).
  const [form, setForm] = useState<ConveneForm>(() => ({
    held_on: todayInAlmaty(),
    starts_at: almatyTimeNow(Date.now()),
    place: '',
    convened_by: defaultConvener(detail.members),
    chair_agreement: false,
    extraordinary: false,
  }));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const convener = detail.members.find((member) => String(member.person_id) === form.convened_by);
  const vice = !!convener && isViceChair(convener.position);
  const set = <K extends keyof ConveneForm>(key: K) => (value: ConveneForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    if (!form.convened_by) {
      setErrors({ fields: { convened_by: t('ui.meeting.choose_convener') }, general: [] });
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const meeting = await api.post<Meeting>(`${bodyPath(String(detail.id))}/meetings`, conveneBody(form, detail.members));
      navigate(`/meetings/${encodeURIComponent(String(meeting.id))}`);
    } catch (error) {
      setErrors(formErrors(error, CONVENE_FIELDS));
      setRule(ruleOf(error));
      focusFirstInvalid(formRef.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3 class="subheading">{t('ui.body.convene')}</h3>
      {detail.members.length === 0 ? (
        <p class="muted">{t('ui.body.convene_needs_members')}</p>
      ) : (
        <form ref={formRef} class="form" noValidate onSubmit={submit} data-testid="convene">
          <ErrorList messages={errors.general} rule={rule} />
          <div class="grid-3">
            <TextField label={t('ui.meeting.held_on')} name="held_on" type="date" required value={form.held_on} onValue={set('held_on')} error={errors.fields.held_on} />
            <TextField
              label={t('ui.meeting.starts_at')}
              name="starts_at"
              type="time"
              required
              hint={t('ui.meeting.starts_at_hint')}
              value={form.starts_at}
              onValue={set('starts_at')}
              error={errors.fields.starts_at}
            />
            <TextField label={t('ui.meeting.place')} name="place" required maxLength={200} autoComplete="off" value={form.place} onValue={set('place')} error={errors.fields.place} />
            <SelectField
              label={t('ui.meeting.convened_by')}
              name="convened_by"
              required
              value={form.convened_by}
              onValue={set('convened_by')}
              error={errors.fields.convened_by}
              hint={t('ui.meeting.convened_by_hint')}
              options={[
                { value: '', label: t('ui.common.choose') },
                ...detail.members.map((member) => ({ value: String(member.person_id), label: `${member.full_name ?? member.person_id} · ${positionName(member.position)}` })),
              ]}
            />
          </div>
          {vice && (
            <CheckboxField
              label={t('ui.meeting.chair_agreement')}
              name="chair_agreement"
              checked={form.chair_agreement}
              onChecked={set('chair_agreement')}
              error={errors.fields.chair_agreement}
            />
          )}
          <CheckboxField
            label={t('ui.meeting.extraordinary_field')}
            name="extraordinary"
            checked={!!form.extraordinary}
            onChecked={set('extraordinary')}
            error={errors.fields.extraordinary}
            hint={t('ui.meeting.extraordinary_hint')}
          />
          <div class="form-actions">
            <button type="submit" class="button" disabled={busy}>
              {busy ? t('ui.common.saving') : t('ui.meeting.convene_submit')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

