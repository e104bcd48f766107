// "Issue accounts" for a group, a course or everyone, with the login rule and how long the codes
// are valid; then the counts and the activation sheet to print. Used in the people directory and on
// the roster import's last step.
import { useState } from 'preact/hooks';
import { api, downloadFile } from '../../api';
import { Alert } from '../../components/Alert';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { t } from '../../i18n';
import { useAction } from '../elections/parts';
import { useGroups } from '../people/groups';
import { emptyIssueForm, issueBody, MAX_VALID_DAYS, type IssueForm, type IssueResult } from './accounts';

export function IssueAccountsPanel({ groupId = '', onClose }: { groupId?: string; onClose?: () => void }) {
  const groups = useGroups();
  const [form, setForm] = useState<IssueForm>(emptyIssueForm(groupId));
  const [result, setResult] = useState<IssueResult | null>(null);
  const action = useAction(['scope', 'group_id', 'course', 'login_rule', 'valid_days']);
  const set = <K extends keyof IssueForm>(key: K, value: IssueForm[K]) => setForm({ ...form, [key]: value });

  const submit = (event: Event) => {
    event.preventDefault();
    const built = issueBody(form);
    if ('errors' in built) {
      const [field, code] = Object.entries(built.errors)[0];
      const invalid = field === 'course' ? t('ui.accounts.invalid_course') : t('ui.accounts.invalid_valid_days');
      action.fail(field, code === 'required' ? t('field.required') : invalid);
      return;
    }
    void action.run(async () => setResult(await api.post<IssueResult>('/api/v1/account-batches', built.body)));
  };

  if (result)
    return (
      <section class="card section" data-testid="issue-result" aria-live="polite">
        <h2>{t('ui.accounts.result_title')}</h2>
        <ul class="facts-list">
          <li data-testid="issued-students">{t('ui.accounts.issued_students', { count: result.students })}</li>
          <li data-testid="issued-representatives">{t('ui.accounts.issued_representatives', { count: result.representatives })}</li>
          <li data-testid="issued-skipped">{t('ui.accounts.skipped', { count: result.skipped })}</li>
          <li>{t('ui.accounts.emailed', { count: result.emailed })}</li>
        </ul>
        {action.alert}
        <div class="actions">
          <button
            type="button"
            class="button"
            data-testid="download-sheet"
            onClick={() => void action.run(() => downloadFile(result.sheet_url, `activation-sheet-${result.id}.pdf`))}
          >
            {t('ui.accounts.download_sheet')}
          </button>
          <button type="button" class="button button-secondary" onClick={() => (onClose ? onClose() : setResult(null))}>
            {t('ui.common.close')}
          </button>
        </div>
      </section>
    );

  return (
    <form class="card section form" noValidate onSubmit={submit} data-testid="issue-accounts">
      <h2>{t('ui.accounts.issue_title')}</h2>
      <p class="hint">{t('ui.accounts.issue_intro')}</p>
      {action.alert}
      <SelectField
        label={t('ui.accounts.scope')}
        name="scope"
        value={form.scope}
        onValue={(value) => set('scope', value as IssueForm['scope'])}
        options={['group', 'course', 'all'].map((s) => ({ value: s, label: t(`ui.accounts.scope_${s}`) }))}
        error={action.errors.fields.scope}
      />
      {form.scope === 'group' && (
        <SelectField
          label={t('ui.person.group')}
          name="group_id"
          value={form.groupId}
          onValue={(value) => set('groupId', value)}
          options={[{ value: '', label: '—' }, ...groups.map((g) => ({ value: String(g.id), label: g.name }))]}
          error={action.errors.fields.group_id}
          required
        />
      )}
      {form.scope === 'course' && (
        <TextField label={t('ui.accounts.course')} name="course" type="number" inputMode="numeric" min={1} max={12} value={form.course} onValue={(value) => set('course', value)} error={action.errors.fields.course} required />
      )}
      <SelectField
        label={t('ui.accounts.login_rule')}
        name="login_rule"
        value={form.loginRule}
        onValue={(value) => set('loginRule', value as IssueForm['loginRule'])}
        options={[
          { value: 'student_number', label: t('ui.accounts.rule_student_number') },
          { value: 'name', label: t('ui.accounts.rule_name') },
        ]}
        hint={t(form.loginRule === 'name' ? 'ui.accounts.rule_name_hint' : 'ui.accounts.rule_student_number_hint')}
        error={action.errors.fields.login_rule}
      />
      <TextField
        label={t('ui.accounts.valid_days')}
        name="valid_days"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_VALID_DAYS}
        value={form.validDays}
        onValue={(value) => set('validDays', value)}
        error={action.errors.fields.valid_days}
      />
      <CheckboxField label={t('ui.accounts.with_representatives')} name="representatives" checked={form.representatives} onChecked={(value) => set('representatives', value)} />
      <div class="actions">
        <button type="submit" class="button" disabled={action.busy} data-testid="issue-submit">
          {t('ui.accounts.issue_submit')}
        </button>
        {onClose && (
          <button type="button" class="button button-secondary" onClick={onClose}>
            {t('ui.common.cancel')}
          </button>
        )}
      </div>
      {groups.length === 0 && form.scope === 'group' && <Alert kind="info">{t('ui.accounts.no_groups')}</Alert>}
    </form>
  );
}
