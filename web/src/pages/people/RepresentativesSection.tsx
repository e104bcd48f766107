// A student's legal representatives for users with people.write: the list with "unlink" (after
// a confirmation), and a form that links a person from the directory or creates one and links it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { formErrors, NO_ERRORS, problemMessage, type FormErrors } from '../../errors';
import { t, tOr } from '../../i18n';
import { REPRESENTATIVE_KINDS, type PersonDetail, type PersonLink } from '../../types';
import { isRestricted } from './PersonFacts';
import {
  checkRepresentativeForm,
  EMPTY_NEW_REPRESENTATIVE,
  linkBody,
  linkFormErrors,
  NEW_REPRESENTATIVE_FIELDS,
  newRepresentativeBody,
  type NewRepresentativeForm,
  type RepresentativeMode,
} from './representatives';

interface Props {
  person: PersonDetail;
  /** Re-reads the student after a change. */
  onChanged: () => Promise<void>;
}

export function RepresentativesSection({ person, onChanged }: Props) {
  const base = `/api/v1/people/${encodeURIComponent(String(person.id))}/representatives`;
  const restricted = isRestricted(person);
  const representatives = person.representatives ?? [];
  const heading = useRef<HTMLHeadingElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [unlinking, setUnlinking] = useState(false);

  const unlink = async (link: PersonLink) => {
    setUnlinking(true);
    setListError(null);
    setNotice(null);
    try {
      await api.delete(`${base}/${encodeURIComponent(String(link.person_id))}`);
      setConfirming(null);
      await onChanged();
      setNotice(t('ui.representatives.unlinked', { name: link.full_name }));
      // The row and its button are gone: keep keyboard focus in the section.
      heading.current?.focus();
    } catch (error) {
      setListError(problemMessage(error));
    } finally {
      setUnlinking(false);
    }
  };

  const cancelUnlink = (id: string) => {
    setConfirming(null);
    window.setTimeout(() => document.querySelector<HTMLButtonElement>(`[data-unlink="${CSS.escape(id)}"]`)?.focus(), 0);
  };

  return (
    <section class="section card" aria-labelledby="representatives-title" data-testid="representatives">
      <h2 id="representatives-title" ref={heading} tabIndex={-1}>
        {t('ui.person.representatives')}
      </h2>
      {notice && <Alert kind="success">{notice}</Alert>}
      {listError && <Alert>{listError}</Alert>}
      {restricted ? (
        <p class="note">{t('ui.representatives.restricted_add')}</p>
      ) : representatives.length === 0 ? (
        <p class="muted" data-testid="no-representatives">
          {t('ui.representatives.empty')}
        </p>
      ) : (
        <ul class="plain-list representative-list">
          {representatives.map((link) => {
            const id = String(link.person_id);
            return (
              <li key={id} data-person-id={id} class="representative-row">
                <div class="representative-main">
                  <Link href={`/people/${encodeURIComponent(id)}`}>{link.full_name}</Link>
                  <span class="muted"> · {tOr('ui.person.relation.', link.kind)}</span>
                  {(link.phone || link.email) && (
                    <span class="contact">
                      {link.phone && <a href={`tel:${link.phone}`}>{link.phone}</a>}
                      {link.phone && link.email && ' · '}
                      {link.email && <a href={`mailto:${link.email}`}>{link.email}</a>}
                    </span>
                  )}
                </div>
                {confirming === id ? (
                  <UnlinkConfirm name={link.full_name} busy={unlinking} onConfirm={() => unlink(link)} onCancel={() => cancelUnlink(id)} />
                ) : (
                  <button type="button" class="button button-danger button-small" data-unlink={id} onClick={() => setConfirming(id)}>
                    {t('ui.representatives.unlink')}
                    <span class="visually-hidden"> {link.full_name}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <LinkForm person={person} base={base} onLinked={async (name) => {
        setNotice(null);
        await onChanged();
        setNotice(t('ui.representatives.linked', { name }));
      }} />
    </section>
  );
}

function UnlinkConfirm({ name, busy, onConfirm, onCancel }: { name: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      class="confirm-box"
      role="group"
      aria-labelledby="unlink-question"
      data-testid="unlink-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <p id="unlink-question">
        {t('ui.representatives.unlink_confirm', { name })} <span class="muted">{t('ui.representatives.unlink_keeps_person')}</span>
      </p>
      <div class="form-actions">
        <button ref={confirm} type="button" class="button button-danger" disabled={busy} onClick={onConfirm} data-testid="unlink-yes">
          {t('ui.representatives.unlink_yes')}
        </button>
        <button type="button" class="button button-secondary" onClick={onCancel}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </div>
  );
}

function LinkForm({ person, base, onLinked }: { person: PersonDetail; base: string; onLinked: (name: string) => Promise<void> }) {
  const form = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState<RepresentativeMode>('existing');
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const [kind, setKind] = useState('');
  const [fresh, setFresh] = useState<NewRepresentativeForm>(EMPTY_NEW_REPRESENTATIVE);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const focusFirstInvalid = () =>
    window.setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  const submit = async (event: Event) => {
    event.preventDefault();
    const local = checkRepresentativeForm(mode, picked, kind);
    if (local) {
      setErrors(local);
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    let representative = picked;
    if (mode === 'new') {
      try {
        const created = await api.post<PersonDetail>('/api/v1/people', newRepresentativeBody(fresh));
        representative = { id: created.id, full_name: created.full_name };
      } catch (error) {
        setErrors(formErrors(error, NEW_REPRESENTATIVE_FIELDS));
        setBusy(false);
        focusFirstInvalid();
        return;
      }
    }
    if (!representative) return;
    try {
      await api.post(base, linkBody(representative.id, kind));
      setPicked(null);
      setKind('');
      setFresh(EMPTY_NEW_REPRESENTATIVE);
      setMode('existing');
      await onLinked(representative.full_name);
    } catch (error) {
      const result = linkFormErrors(error);
      if (mode === 'new') {
        // The person exists now: offer them for another try instead of creating a duplicate.
        result.general.splice(1, 0, t('ui.representatives.created_not_linked'));
        setMode('existing');
        setPicked(representative);
        setFresh(EMPTY_NEW_REPRESENTATIVE);
      }
      setErrors(result);
    } finally {
      setBusy(false);
    }
  };

  const setFreshField = (key: keyof NewRepresentativeForm) => (value: string) => setFresh({ ...fresh, [key]: value });

  return (
    <>
      <h3 class="subheading">{t('ui.representatives.add')}</h3>
      <form ref={form} class="form" noValidate onSubmit={submit} data-testid="link-representative">
        <ErrorList messages={errors.general} />
        <fieldset class="choice-row">
          <legend>{t('ui.representatives.mode_label')}</legend>
          {(['existing', 'new'] as const).map((value) => (
            <div class="field-check" key={value}>
              <input
                id={`rep-mode-${value}`}
                type="radio"
                name="rep_mode"
                value={value}
                checked={mode === value}
                onChange={() => {
                  setMode(value);
                  setErrors(NO_ERRORS);
                }}
              />
              <label for={`rep-mode-${value}`}>{t(`ui.representatives.mode.${value}`)}</label>
            </div>
          ))}
        </fieldset>
        {mode === 'existing' ? (
          <PersonPicker
            label={t('ui.representatives.person')}
            name="representative_id"
            value={picked}
            onValue={setPicked}
            exclude={[person.id]}
            required
            error={errors.fields.representative_id}
          />
        ) : (
          <div class="grid-3">
            <TextField label={t('ui.person.surname')} name="rep_surname" required autoComplete="off" value={fresh.surname} onValue={setFreshField('surname')} error={errors.fields.surname} />
            <TextField label={t('ui.person.name')} name="rep_name" required autoComplete="off" value={fresh.name} onValue={setFreshField('name')} error={errors.fields.name} />
            <TextField label={t('ui.person.patronymic')} name="rep_patronymic" autoComplete="off" value={fresh.patronymic} onValue={setFreshField('patronymic')} error={errors.fields.patronymic} />
            <TextField label={t('ui.person.phone')} name="rep_phone" type="tel" autoComplete="off" value={fresh.phone} onValue={setFreshField('phone')} error={errors.fields.phone} />
            <TextField label={t('ui.person.email')} name="rep_email" type="email" autoComplete="off" value={fresh.email} onValue={setFreshField('email')} error={errors.fields.email} />
          </div>
        )}
        <SelectField
          class="field-narrow"
          label={t('ui.representatives.kind')}
          name="kind"
          required
          value={kind}
          onValue={setKind}
          error={errors.fields.kind}
          options={[{ value: '', label: t('ui.common.choose') }, ...REPRESENTATIVE_KINDS.map((value) => ({ value, label: t(`ui.person.relation.${value}`) }))]}
        />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t(mode === 'existing' ? 'ui.representatives.link' : 'ui.representatives.create_and_link')}
          </button>
        </div>
      </form>
    </>
  );
}
