// The founding composition of a new body (ORG-6): the administration records its order (number,
// date, signatory) and a person for each seat, in one step. Each picker offers only the people
// who may hold the position (ORG-3: students, and staff only where the position allows it).
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { ErrorList, RuleRef } from '../../components/Alert';
import { CheckboxField, TextField } from '../../components/Field';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { formErrors, NO_ERRORS, ruleOf, type FormErrors } from '../../errors';
import { formatDate, todayInAlmaty } from '../../format';
import { t, type Locale } from '../../i18n';
import { bodyPath, positionName } from './bodies-api';
import type { BodyDetail, BodyTemplate } from './bodies-types';
import { foundingBody, foundingRowOf, foundingSeats, pickerKind, type FoundingForm } from './bodies';

interface Row {
  position: string;
  person: PickedPerson | null;
}

const FIELDS = ['order_number', 'order_date', 'signed_by', 'accepted_regulation', 'seats'] as const;

/** The act on a staffed body's page. */
export function FoundingActNote({ detail, locale }: { detail: BodyDetail; locale: Locale }) {
  const act = detail.founding_act;
  if (!act) return null;
  return (
    <p class="muted" data-testid="founding-act">
      {t('ui.body.founding.act', { number: act.order_number, date: formatDate(act.order_date, locale), signed_by: act.signed_by })} <RuleRef rule="ORG-6" />
    </p>
  );
}

export function FoundingSection({ detail, template, onSaved }: { detail: BodyDetail; template: BodyTemplate | null; onSaved: () => Promise<void> }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(todayInAlmaty());
  const [signedBy, setSignedBy] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [rows, setRows] = useState<Row[]>(() => foundingSeats(template).map((seat) => ({ position: seat.position, person: null })));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const form = (): FoundingForm => ({
    order_number: number,
    order_date: date,
    signed_by: signedBy,
    accepted_regulation: accepted,
    seats: rows.map((row) => ({ position: row.position, person_id: row.person ? String(row.person.id) : '' })),
  });
  const setRow = (index: number, person: PickedPerson | null) => setRows((current) => current.map((row, i) => (i === index ? { ...row, person } : row)));

  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    setRowErrors({});
    const current = form();
    if (!rows.some((row) => row.person)) {
      setErrors({ fields: { seats: t('ui.body.founding.none_chosen') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`${bodyPath(String(detail.id))}/founding-act`, foundingBody(current));
      await onSaved();
    } catch (error) {
      // "seats[2].person_id" belongs to the third row sent, shown next to its picker.
      const seatFields = (error instanceof ApiError ? error.fieldErrors : []).map((e) => e.field ?? '').filter((field) => field.startsWith('seats['));
      const found = formErrors(error, [...FIELDS, ...seatFields]);
      const perRow: Record<number, string> = {};
      for (const field of seatFields) {
        const match = /^seats\[(\d+)\]/.exec(field);
        if (match) perRow[foundingRowOf(current, Number(match[1]))] = found.fields[field];
      }
      setRowErrors(perRow);
      setErrors(found);
      setRule(ruleOf(error));
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="founding-title" data-testid="founding">
      <h2 id="founding-title">
        {t('ui.body.founding.title')} <RuleRef rule="ORG-6" />
      </h2>
      <p class="muted">{t('ui.body.founding.intro')}</p>
      <form ref={formRef} class="form" noValidate onSubmit={submit}>
        <ErrorList messages={errors.general} rule={rule} />
        <div class="grid-3">
          <TextField label={t('ui.body.founding.order_number')} name="order_number" required maxLength={50} autoComplete="off" value={number} onValue={setNumber} error={errors.fields.order_number} />
          <TextField label={t('ui.body.founding.order_date')} name="order_date" type="date" required value={date} onValue={setDate} error={errors.fields.order_date} />
          <TextField
            label={t('ui.body.founding.signed_by')}
            name="signed_by"
            required
            maxLength={200}
            hint={t('ui.body.founding.signed_by_hint')}
            value={signedBy}
            onValue={setSignedBy}
            error={errors.fields.signed_by}
          />
        </div>
        <fieldset class="founding-seats">
          <legend>{t('ui.body.founding.seats')}</legend>
          {errors.fields.seats && <p class="field-error">{errors.fields.seats}</p>}
          {rows.map((row, index) => {
            const kind = pickerKind(template, row.position);
            return (
              <div class="founding-seat" data-position={row.position} key={index}>
                <PersonPicker
                  label={t('ui.body.founding.seat_person', { position: positionName(row.position) })}
                  name={`seat_${index}`}
                  value={row.person}
                  onValue={(person) => setRow(index, person)}
                  kind={kind ?? undefined}
                  hint={kind ? t('ui.body.founding.students_only') : undefined}
                  exclude={rows.filter((other, i) => i !== index && other.person).map((other) => other.person!.id)}
                  error={rowErrors[index]}
                />
              </div>
            );
          })}
          {template?.positions.includes('member') && (
            <button type="button" class="button button-secondary" onClick={() => setRows((current) => [...current, { position: 'member', person: null }])} data-action="add-founding-member">
              {t('ui.body.founding.add_member')}
            </button>
          )}
        </fieldset>
        <CheckboxField
          label={t('ui.body.accepted_regulation')}
          name="accepted_regulation"
          hint={t('ui.body.accepted_regulation_hint')}
          checked={accepted}
          onChecked={setAccepted}
          error={errors.fields.accepted_regulation}
        />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy} data-action="record-founding">
            {busy ? t('ui.common.saving') : t('ui.body.founding.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
