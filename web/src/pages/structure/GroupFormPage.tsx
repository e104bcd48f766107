// Create (/structure/groups/new) and edit (/structure/groups/:id) a group or class.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PersonPicker } from '../../components/PersonPicker';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import type { Group, NamedRecord } from '../../types';
import { invalidateGroups } from '../people/groups';
import { StructureFrame } from './StructureFrame';
import { createGroupBody, EMPTY_GROUP_FORM, GROUP_FIELDS, groupToForm, levelField, patchGroupBody, type GroupFormState } from './structure';
import { useList, useStaffNames } from './structure-api';

export function GroupCreatePage(_props: RouteProps) {
  return (
    <StructureFrame tab="/structure/groups" title={t('ui.groups.new')}>
      <GroupForm group={null} initial={EMPTY_GROUP_FORM} />
    </StructureFrame>
  );
}

export function GroupEditPage({ params }: RouteProps) {
  const [groups] = useList<Group>('/api/v1/groups');
  const staffNames = useStaffNames(true);
  const group = groups.state === 'ready' ? groups.data.find((item) => String(item.id) === params.id) ?? null : null;
  const curatorId = group?.curator_person_id == null ? null : String(group.curator_person_id);
  const curatorName = curatorId && staffNames ? staffNames.get(curatorId) ?? t('ui.groups.person_ref', { id: curatorId }) : null;

  return (
    <StructureFrame tab="/structure/groups" title={t('ui.groups.edit_title')}>
      <p class="breadcrumb">
        <Link href="/structure/groups">{t('ui.groups.back_to_list')}</Link>
      </p>
      {groups.state === 'failed' && <Alert>{groups.message}</Alert>}
      {groups.state === 'ready' && !group && <Alert>{t('ui.error.not_found_text')}</Alert>}
      {(groups.state === 'loading' || (group && !staffNames)) && <Loading />}
      {group && staffNames && <GroupForm key={String(group.id)} group={group} initial={groupToForm(group, curatorName)} />}
    </StructureFrame>
  );
}

function GroupForm({ group, initial }: { group: Group | null; initial: GroupFormState }) {
  const { user } = useApp();
  const [faculties] = useList<NamedRecord>('/api/v1/faculties');
  const [form, setForm] = useState<GroupFormState>(initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const creating = group === null;
  const primary = levelField(user?.institution?.kind);
  // The other level field shows too when the group already has a value in it.
  const showCourse = primary === 'course' || initial.course !== '';
  const showGrade = primary === 'grade' || initial.grade !== '';
  const set = <K extends keyof GroupFormState>(key: K) => (value: GroupFormState[K]) => setForm({ ...form, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setErrors(NO_ERRORS);
    setUnchanged(false);
    let request: Promise<Group>;
    if (creating) {
      request = api.post<Group>('/api/v1/groups', createGroupBody(form));
    } else {
      const patch = patchGroupBody(initial, form);
      if (Object.keys(patch.errors).length > 0) {
        setErrors({ fields: patch.errors, general: [] });
        return;
      }
      if (Object.keys(patch.body).length === 0) {
        setUnchanged(true);
        return;
      }
      request = api.patch<Group>(`/api/v1/groups/${encodeURIComponent(String(group.id))}`, patch.body);
    }
    setBusy(true);
    try {
      await request;
      invalidateGroups(); // the people directory's group filter
      navigate(`/structure/groups?saved=${creating ? 'created' : '1'}`);
    } catch (error) {
      setErrors(formErrors(error, GROUP_FIELDS));
      setBusy(false);
    }
  };

  const facultyOptions = faculties.state === 'ready' ? faculties.data.map((f) => ({ value: String(f.id), label: f.name })) : [];
  const canEmptyFaculty = creating || initial.faculty_id === '';
  return (
    <form class="form card" noValidate onSubmit={submit} data-testid="group-form">
      <ErrorList messages={errors.general} />
      {faculties.state === 'failed' && <Alert>{faculties.message}</Alert>}
      {unchanged && <Alert kind="info">{t('ui.common.nothing_changed')}</Alert>}
      <div class="grid-2">
        <TextField label={t('ui.structure.name')} name="name" required autoComplete="off" hint={t('ui.groups.name_hint')} value={form.name} onValue={set('name')} error={errors.fields.name} />
        <SelectField
          label={t('ui.groups.faculty')}
          name="faculty_id"
          value={form.faculty_id}
          onValue={set('faculty_id')}
          error={errors.fields.faculty_id}
          options={[...(canEmptyFaculty ? [{ value: '', label: t('ui.common.not_set') }] : []), ...facultyOptions]}
        />
        {showCourse && (
          <TextField label={t('ui.person.course')} name="course" inputMode="numeric" hint={t('ui.person.course_hint')} value={form.course} onValue={set('course')} error={errors.fields.course} />
        )}
        {showGrade && (
          <TextField label={t('ui.person.grade')} name="grade" inputMode="numeric" hint={t('ui.person.grade_hint')} value={form.grade} onValue={set('grade')} error={errors.fields.grade} />
        )}
        <PersonPicker
          label={t('ui.groups.curator')}
          name="curator_person_id"
          kind="staff"
          hint={t('ui.groups.curator_hint')}
          value={form.curator}
          onValue={set('curator')}
          clearable={creating || initial.curator === null}
          error={errors.fields.curator_person_id}
        />
      </div>
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('ui.common.saving') : creating ? t('ui.common.create') : t('ui.common.save')}
        </button>
        <Link href="/structure/groups" class="button button-secondary">
          {t('ui.common.cancel')}
        </Link>
      </div>
    </form>
  );
}
