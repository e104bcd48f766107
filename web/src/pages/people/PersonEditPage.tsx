import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { formErrors, NO_ERRORS, problemMessage, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import { GENDERS, STUDENT_STATUSES, type PersonDetail } from '../../types';
import { useGroups } from './groups';
import { isRestricted } from './PersonFacts';
import { createPersonBody, emptyPersonForm, patchPersonBody, PERSON_FIELDS, personToForm, type PersonFormState } from './person-form';

export function PersonCreatePage({ search }: RouteProps) {
  const kind = new URLSearchParams(search).get('kind') === 'staff' ? 'staff' : 'student';
  const [form, setForm] = useState<PersonFormState>(() => emptyPersonForm(kind));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  useEffect(() => setForm(emptyPersonForm(kind)), [kind]);

  const submit = async () => {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await api.post<PersonDetail>('/api/v1/people', createPersonBody(form));
      navigate(`/people/${encodeURIComponent(String(created.id))}?saved=created`);
    } catch (error) {
      setErrors(formErrors(error, PERSON_FIELDS));
      setBusy(false);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <Link href="/people">{t('ui.people.back_to_list')}</Link>
      </p>
      <PageHeader title={t(kind === 'staff' ? 'ui.people.new_staff' : 'ui.people.new_student')} />
      <PersonForm form={form} onChange={setForm} errors={errors} busy={busy} sensitiveVisible onSubmit={submit} cancelHref="/people" create />
    </>
  );
}

export function PersonEditPage({ params }: RouteProps) {
  const [person, setPerson] = useState<PersonDetail | null>(null);
  const [initial, setInitial] = useState<PersonFormState | null>(null);
  const [form, setForm] = useState<PersonFormState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [nothingChanged, setNothingChanged] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<PersonDetail>(`/api/v1/people/${encodeURIComponent(params.id)}`, { signal: controller.signal })
      .then((data) => {
        setPerson(data);
        const state = personToForm(data);
        setInitial(state);
        setForm(state);
      })
      .catch((err) => !isAbort(err) && setLoadError(problemMessage(err)));
    return () => controller.abort();
  }, [params.id]);

  const detailHref = `/people/${encodeURIComponent(params.id)}`;

  if (loadError) {
    return (
      <>
        <PageHeader title={t('ui.person.edit_title')} />
        <Alert>{loadError}</Alert>
      </>
    );
  }
  if (!person || !form || !initial) return <Loading />;

  const sensitiveVisible = !isRestricted(person);
  const submit = async () => {
    const body = patchPersonBody(initial, form, sensitiveVisible);
    setErrors(NO_ERRORS);
    if (Object.keys(body).length === 0) {
      setNothingChanged(true);
      return;
    }
    setNothingChanged(false);
    setBusy(true);
    try {
      await api.patch<PersonDetail>(`/api/v1/people/${encodeURIComponent(params.id)}`, body);
      navigate(`${detailHref}?saved=1`);
    } catch (error) {
      setErrors(formErrors(error, PERSON_FIELDS));
      setBusy(false);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <Link href={detailHref}>{person.full_name}</Link>
      </p>
      <PageHeader title={t('ui.person.edit_title')} subtitle={person.full_name} />
      {nothingChanged && <Alert kind="info">{t('ui.common.nothing_changed')}</Alert>}
      <PersonForm form={form} onChange={setForm} errors={errors} busy={busy} sensitiveVisible={sensitiveVisible} onSubmit={submit} cancelHref={detailHref} />
    </>
  );
}

interface PersonFormProps {
  form: PersonFormState;
  onChange: (form: PersonFormState) => void;
  errors: FormErrors;
  busy: boolean;
  sensitiveVisible: boolean;
  onSubmit: () => void;
  cancelHref: string;
  create?: boolean;
}

function PersonForm({ form, onChange, errors, busy, sensitiveVisible, onSubmit, cancelHref, create }: PersonFormProps) {
  const groups = useGroups();
  const set = <K extends keyof PersonFormState>(key: K) => (value: PersonFormState[K]) => onChange({ ...form, [key]: value });
  const err = (field: string) => errors.fields[field];

  return (
    <form
      class="form card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <ErrorList messages={errors.general} />
      <fieldset>
        <legend>{t('ui.person.names')}</legend>
        <div class="grid-3">
          <TextField label={t('ui.person.surname')} name="surname" required value={form.surname} onValue={set('surname')} error={err('surname')} autoComplete="off" />
          <TextField label={t('ui.person.name')} name="name" required value={form.name} onValue={set('name')} error={err('name')} autoComplete="off" />
          <TextField label={t('ui.person.patronymic')} name="patronymic" value={form.patronymic} onValue={set('patronymic')} error={err('patronymic')} autoComplete="off" />
        </div>
      </fieldset>
      {sensitiveVisible ? (
        <fieldset>
          <legend>{t('ui.person.personal_data')}</legend>
          <div class="grid-2">
            <TextField label={t('ui.person.birth_date')} name="birth_date" type="date" value={form.birth_date} onValue={set('birth_date')} error={err('birth_date')} />
            <SelectField
              label={t('ui.person.gender')}
              name="gender"
              value={form.gender}
              onValue={set('gender')}
              error={err('gender')}
              options={[{ value: '', label: t('ui.common.not_set') }, ...GENDERS.map((gender) => ({ value: gender, label: t(`ui.person.gender.${gender}`) }))]}
            />
            <TextField label={t('ui.person.email')} name="email" type="email" value={form.email} onValue={set('email')} error={err('email')} autoComplete="off" />
            <TextField label={t('ui.person.phone')} name="phone" type="tel" value={form.phone} onValue={set('phone')} error={err('phone')} autoComplete="off" />
          </div>
        </fieldset>
      ) : (
        <p class="note">{t('ui.person.restricted_edit')}</p>
      )}
      {form.isStudent && (
        <fieldset>
          <legend>{t('ui.person.student_record')}</legend>
          {err('student') && <p class="field-error">{err('student')}</p>}
          <div class="grid-3">
            <TextField label={t('ui.person.student_number')} name="student_number" required value={form.student_number} onValue={set('student_number')} error={err('student.student_number')} autoComplete="off" />
            <SelectField
              label={t('ui.person.group')}
              name="group_id"
              value={form.group_id}
              onValue={set('group_id')}
              error={err('student.group_id')}
              options={[{ value: '', label: t('ui.common.not_set') }, ...groups.map((group) => ({ value: String(group.id), label: group.name }))]}
            />
            <SelectField
              label={t('ui.person.status')}
              name="status"
              value={form.status}
              onValue={set('status')}
              error={err('student.status')}
              options={STUDENT_STATUSES.map((status) => ({ value: status, label: t(`ui.person.status.${status}`) }))}
            />
            <TextField label={t('ui.person.course')} name="course" inputMode="numeric" hint={t('ui.person.course_hint')} value={form.course} onValue={set('course')} error={err('student.course')} />
            <TextField label={t('ui.person.grade')} name="grade" inputMode="numeric" hint={t('ui.person.grade_hint')} value={form.grade} onValue={set('grade')} error={err('student.grade')} />
          </div>
          <CheckboxField label={t('ui.person.academic_debt')} name="academic_debt" checked={form.academic_debt} onChecked={set('academic_debt')} error={err('student.academic_debt')} />
        </fieldset>
      )}
      {form.isStaff && (
        <fieldset>
          <legend>{t('ui.person.staff_record')}</legend>
          {err('staff') && <p class="field-error">{err('staff')}</p>}
          <TextField label={t('ui.person.position')} name="position" required value={form.position} onValue={set('position')} error={err('staff.position')} />
        </fieldset>
      )}
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('ui.common.saving') : create ? t('ui.common.create') : t('ui.common.save')}
        </button>
        <Link href={cancelHref} class="button button-secondary">
          {t('ui.common.cancel')}
        </Link>
      </div>
    </form>
  );
}
