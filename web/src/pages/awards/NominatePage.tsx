// A nomination for "Student of the year" or "Best Shanyrak" (AWD-3, AWD-4): the nominee, the
// commission, the motivation, and the discussions behind it, each with its decision: the Shanyrak
// meeting and the pedagogical meeting (and, on a disagreement over a Shanyrak, the unions later).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import { useResource } from '../bodies/bodies-api';
import type { BodySummary } from '../bodies/bodies-types';
import { useAction } from '../elections/parts';
import type { Nomination } from './awards';

export function NominatePage() {
  const { locale } = useApp();
  const [bodies] = useResource<{ items: BodySummary[] }>('/api/v1/bodies', [locale]);
  const [shanyraks] = useResource<{ items: { id: number | string; name: string }[] }>('/api/v1/shanyraks', [locale]);
  const [contest, setContest] = useState('student_of_year');
  const [student, setStudent] = useState<PickedPerson | null>(null);
  const [shanyrak, setShanyrak] = useState('');
  const [commission, setCommission] = useState('');
  const [motivation, setMotivation] = useState('');
  const [meetingShanyrak, setMeetingShanyrak] = useState('');
  const [shanyrakOn, setShanyrakOn] = useState(todayInAlmaty());
  const [shanyrakSupports, setShanyrakSupports] = useState(true);
  const [shanyrakDecision, setShanyrakDecision] = useState('');
  const [pedagogicalOn, setPedagogicalOn] = useState(todayInAlmaty());
  const [pedagogicalSupports, setPedagogicalSupports] = useState(true);
  const [pedagogicalDecision, setPedagogicalDecision] = useState('');
  const action = useAction(['contest', 'student_id', 'shanyrak_id', 'commission_body_id', 'motivation', 'discussions', 'presented_on',
    'discussions.0.shanyrak_id', 'discussions.0.held_on', 'discussions.0.decision', 'discussions.1.held_on', 'discussions.1.decision']);
  const commissions = bodies.state === 'ready' ? bodies.data.items.filter((b) => b.template === 'encouragement_commission') : [];
  const list = shanyraks.state === 'ready' ? shanyraks.data.items : [];
  const chosenCommission = commission || String(commissions[0]?.id ?? '');
  const chosenShanyrak = shanyrak || String(list[0]?.id ?? '');
  const chosenMeetingShanyrak = meetingShanyrak || (contest === 'shanyrak_of_year' ? chosenShanyrak : String(list[0]?.id ?? ''));
  const shanyrakOptions = list.map((s) => ({ value: String(s.id), label: s.name }));
  return (
    <div data-testid="nominate-page">
      <PageHeader title={t('ui.awards.nominate')} />
      <form
        class="form section card"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (contest === 'student_of_year' && !student) return action.fail('student_id', t('ui.awards.student_required'));
          let created: Nomination | null = null;
          await action.run(async () => {
            created = await api.post<Nomination>('/api/v1/awards/nominations', {
              contest,
              ...(contest === 'student_of_year' ? { student_id: Number(student!.id) } : { shanyrak_id: Number(chosenShanyrak) }),
              commission_body_id: Number(chosenCommission),
              motivation,
              discussions: [
                { forum: 'shanyrak_meeting', shanyrak_id: Number(chosenMeetingShanyrak), held_on: shanyrakOn, supported: shanyrakSupports, decision: shanyrakDecision },
                { forum: 'pedagogical_meeting', held_on: pedagogicalOn, supported: pedagogicalSupports, decision: pedagogicalDecision },
              ],
            });
          });
          if (created) navigate('/awards');
        }}
      >
        <SelectField label={t('ui.awards.contest')} name="contest" value={contest} onValue={setContest}
          options={['student_of_year', 'shanyrak_of_year'].map((c) => ({ value: c, label: t(`ui.awards.contest.${c}`) }))} error={action.errors.fields.contest} required />
        {contest === 'student_of_year' ? (
          <PersonPicker label={t('ui.awards.student')} name="student_id" kind="student" value={student} onValue={setStudent} error={action.errors.fields.student_id} required />
        ) : (
          <SelectField label={t('ui.awards.shanyrak')} name="shanyrak_id" value={chosenShanyrak} onValue={setShanyrak} options={shanyrakOptions} error={action.errors.fields.shanyrak_id} required />
        )}
        <SelectField label={t('ui.awards.commission')} name="commission_body_id" value={chosenCommission} onValue={setCommission}
          options={commissions.map((b) => ({ value: String(b.id), label: b.name }))} error={action.errors.fields.commission_body_id} required />
        <TextAreaField label={t('ui.awards.motivation')} name="motivation" value={motivation} onValue={setMotivation} error={action.errors.fields.motivation} required />
        <fieldset class="field" data-testid="discussion-shanyrak">
          <legend>
            {t('ui.awards.forum.shanyrak_meeting')} <RuleRef rule={contest === 'student_of_year' ? 'AWD-3' : 'AWD-4'} />
          </legend>
          <SelectField label={t('ui.awards.shanyrak')} name="discussions.0.shanyrak_id" value={chosenMeetingShanyrak} onValue={setMeetingShanyrak} options={shanyrakOptions}
            error={action.errors.fields['discussions.0.shanyrak_id']} required />
          <TextField label={t('ui.awards.held_on')} name="discussions.0.held_on" type="date" value={shanyrakOn} onValue={setShanyrakOn} error={action.errors.fields['discussions.0.held_on']} required />
          <CheckboxField name="discussions.0.supported" label={t('ui.awards.supported')} checked={shanyrakSupports} onChecked={setShanyrakSupports} />
          <TextAreaField label={t('ui.awards.decision')} name="discussions.0.decision" value={shanyrakDecision} onValue={setShanyrakDecision} error={action.errors.fields['discussions.0.decision']} required />
        </fieldset>
        <fieldset class="field" data-testid="discussion-pedagogical">
          <legend>{t('ui.awards.forum.pedagogical_meeting')}</legend>
          <TextField label={t('ui.awards.held_on')} name="discussions.1.held_on" type="date" value={pedagogicalOn} onValue={setPedagogicalOn} error={action.errors.fields['discussions.1.held_on']} required />
          <CheckboxField name="discussions.1.supported" label={t('ui.awards.supported')} checked={pedagogicalSupports} onChecked={setPedagogicalSupports} />
          <TextAreaField label={t('ui.awards.decision')} name="discussions.1.decision" value={pedagogicalDecision} onValue={setPedagogicalDecision} error={action.errors.fields['discussions.1.decision']} required />
        </fieldset>
        {action.errors.fields.presented_on && <p class="field-error" data-testid="deadline-error">{action.errors.fields.presented_on}</p>}
        {action.errors.fields.discussions && <p class="field-error">{action.errors.fields.discussions}</p>}
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy} data-testid="submit-nomination">{t('ui.awards.present')}</button>
        </div>
      </form>
    </div>
  );
}
