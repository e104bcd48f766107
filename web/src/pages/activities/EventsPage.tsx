// Events (PLAN-2): the list, a form for organisers, and an event's page with registration for
// the signed-in person and, for the organisers, the participants with attendance, and changing or
// cancelling an event ahead (the people registered are told).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, type FormErrors } from '../../errors';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import { bodyPath, useAbilities, useList, useResource } from '../bodies/bodies-api';
import type { BodySummary } from '../bodies/bodies-types';
import {
  DIRECTIONS,
  EVENT_EDIT_FIELDS,
  EVENT_FIELDS,
  editFormOf,
  eventBody,
  eventChangeable,
  eventChanges,
  missingEditFields,
  missingEventFields,
  type EventEditForm,
  type EventForm,
  type KenesEvent,
  type Plan,
} from './activities';
import { CancelledBadge } from './CancelledBadge';
import { directionName } from './PlansSection';

const eventPath = (id: string | number) => `/api/v1/events/${encodeURIComponent(String(id))}`;

function When({ event }: { event: KenesEvent }) {
  const { locale } = useApp();
  return (
    <>
      {formatDate(event.held_on, locale)}
      {event.starts_at ? `, ${event.starts_at}` : ''} · {event.place}
    </>
  );
}

export function EventsPage(_: RouteProps) {
  const { can, locale } = useApp();
  const [events, reload] = useList<KenesEvent>('/api/v1/events?limit=100', [locale]);
  return (
    <>
      <PageHeader title={t('ui.events.title')} />
      {events.state === 'loading' && <Loading />}
      {events.state === 'failed' && <Alert>{events.message}</Alert>}
      {events.state === 'ready' &&
        (events.data.length === 0 ? (
          <p class="muted">{t('ui.events.empty')}</p>
        ) : (
          <ul class="plain-list event-list" data-testid="events-list">
            {events.data.map((event) => (
              <li key={String(event.id)} data-event-id={String(event.id)} class="card">
                <Link href={`/events/${encodeURIComponent(String(event.id))}`}>
                  <strong>{event.title}</strong>
                </Link>
                {event.cancelled && <> <CancelledBadge /></>}
                <p class="muted">
                  {directionName(event.direction)} · <When event={event} /> · {event.organiser}
                  {' · '}
                  {t('ui.events.counts', { registered: event.registered, attended: event.attended })}
                </p>
              </li>
            ))}
          </ul>
        ))}
      {can('meetings.run') && <CreateEvent onCreated={reload} />}
    </>
  );
}

const EMPTY: EventForm = { organiser_body_id: '', direction: '', title: '', description: '', held_on: '', starts_at: '', place: '', plan_item_id: '', public: false };

function CreateEvent({ onCreated }: { onCreated: () => Promise<void> }) {
  const { locale } = useApp();
  const [form, setForm] = useState<EventForm>({ ...EMPTY, held_on: todayInAlmaty() });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [bodies] = useList<BodySummary>('/api/v1/bodies', [locale]);
  const [plans] = useResource<{ items: Plan[] }>(form.organiser_body_id ? `${bodyPath(form.organiser_body_id)}/plans` : null, [locale]);
  const set = <K extends keyof EventForm>(key: K) => (value: EventForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const planItems = form.organiser_body_id && plans.state === 'ready' ? plans.data.items.flatMap((plan) => plan.items.map((item) => ({ plan, item }))) : [];

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing = missingEventFields(form);
    if (missing.length) {
      setErrors({ fields: Object.fromEntries(missing.map((field) => [field, t('field.required')])), general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const created = await api.post<KenesEvent>('/api/v1/events', eventBody(form));
      await onCreated();
      navigate(`/events/${encodeURIComponent(String(created.id))}`);
    } catch (error) {
      setErrors(formErrors(error, EVENT_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="create-event-title">
      <h2 id="create-event-title">{t('ui.events.create')}</h2>
      <form class="form" noValidate onSubmit={submit} data-testid="create-event">
        <ErrorList messages={errors.general} />
        <div class="grid-2">
          <SelectField
            label={t('ui.events.organiser')}
            name="organiser_body_id"
            required
            value={form.organiser_body_id}
            onValue={(value) => setForm((current) => ({ ...current, organiser_body_id: value, plan_item_id: '' }))}
            error={errors.fields.organiser_body_id}
            options={[{ value: '', label: t('ui.common.choose') }, ...(bodies.state === 'ready' ? bodies.data.map((body) => ({ value: String(body.id), label: body.name })) : [])]}
          />
          <SelectField
            label={t('ui.plans.direction')}
            name="direction"
            required
            value={form.direction}
            onValue={set('direction')}
            error={errors.fields.direction}
            options={[{ value: '', label: t('ui.common.choose') }, ...DIRECTIONS.map((value) => ({ value, label: directionName(value) }))]}
          />
        </div>
        <TextField label={t('ui.events.event_title')} name="title" required maxLength={300} value={form.title} onValue={set('title')} error={errors.fields.title} autoComplete="off" />
        <TextAreaField label={t('ui.events.description')} name="description" maxLength={5000} value={form.description} onValue={set('description')} error={errors.fields.description} />
        <div class="grid-2">
          <TextField label={t('ui.events.date')} name="held_on" type="date" required value={form.held_on} onValue={set('held_on')} error={errors.fields.held_on} />
          <TextField label={t('ui.events.time')} name="starts_at" type="time" value={form.starts_at} onValue={set('starts_at')} error={errors.fields.starts_at} />
          <TextField label={t('ui.events.place')} name="place" required maxLength={300} value={form.place} onValue={set('place')} error={errors.fields.place} autoComplete="off" />
          <SelectField
            label={t('ui.events.plan_item')}
            name="plan_item_id"
            value={form.plan_item_id}
            onValue={set('plan_item_id')}
            error={errors.fields.plan_item_id}
            options={[{ value: '', label: t('ui.events.no_plan_item') }, ...planItems.map(({ plan, item }) => ({ value: String(item.id), label: `${plan.academic_year} · ${item.title}` }))]}
          />
        </div>
        <CheckboxField label={t('ui.events.public')} name="public" hint={t('ui.events.public_hint')} checked={form.public} onChecked={set('public')} error={errors.fields.public} />
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.events.create_submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function EventPage({ params }: RouteProps) {
  const { locale, user } = useApp();
  const [loaded, reload] = useResource<KenesEvent>(eventPath(params.id), [locale]);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Changing and cancelling are for those the server's event.run policy allows (never decided here).
  const may = useAbilities('event', params.id);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <p class="breadcrumb">
          <Link href="/events">{t('ui.events.back')}</Link>
        </p>
        <PageHeader title={t('ui.events.title')} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const event = loaded.data;

  const act = async (key: string, run: () => Promise<unknown>, success?: string) => {
    setBusy(key);
    setFailure(null);
    setNotice(null);
    try {
      await run();
      await reload();
      if (success) setNotice(success);
    } catch (error) {
      setFailure(problemMessage(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <p class="breadcrumb">
        <Link href="/events">{t('ui.events.back')}</Link>
      </p>
      <PageHeader title={event.title} subtitle={`${directionName(event.direction)} · ${event.organiser}`} />
      <p data-testid="event-when">
        <When event={event} />
      </p>
      {event.description && <p class="event-description">{event.description}</p>}
      <p class="muted" data-testid="event-counts">
        {t('ui.events.counts', { registered: event.registered, attended: event.attended })}
        {event.public && <> · {t('ui.events.is_public')}</>}
      </p>
      {event.cancelled && (
        <p class="event-cancelled" data-testid="event-cancelled">
          <CancelledBadge /> {t('ui.events.cancelled_reason', { reason: event.cancel_reason ?? '' })}
        </p>
      )}
      {failure && <Alert>{failure}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {user?.person_id != null &&
        (event.registered_me ? (
          <p class="badge badge-attendance-present" data-testid="registered-me">
            {t('ui.events.registered_me')}
          </p>
        ) : (
          // PLAN-2: a cancelled event takes no registrations, so it offers none.
          !event.cancelled && (
            <div class="form-actions">
              <button
                type="button"
                class="button"
                disabled={busy !== null}
                data-action="register"
                onClick={() => act('register', () => api.post(`${eventPath(event.id)}/registrations`, {}), t('ui.events.registered_notice'))}
              >
                {t('ui.events.register')}
              </button>
            </div>
          )
        ))}
      {may('event.run') && eventChangeable(event) && (
        <EventChanges
          event={event}
          onDone={async (message) => {
            await reload();
            setNotice(message);
          }}
        />
      )}
      {event.participants && (
        <section class="section card" aria-labelledby="participants-title" data-testid="participants">
          <h2 id="participants-title">{t('ui.events.participants')}</h2>
          {event.participants.length === 0 ? (
            <p class="muted">{t('ui.events.participants_empty')}</p>
          ) : (
            <ul class="plain-list attendance-list">
              {event.participants.map((participant) => {
                const id = String(participant.person_id);
                return (
                  <li key={id} class="attendance-row" data-person-id={id} data-attended={participant.attended ? 'true' : 'false'}>
                    <div class="attendance-who">
                      <strong>{participant.full_name}</strong>
                    </div>
                    <div class="toggle-pair" role="group" aria-label={t('ui.events.attendance_of', { name: participant.full_name })}>
                      {([true, false] as const).map((attended) => {
                        const pressed = participant.attended === attended;
                        return (
                          <button
                            key={String(attended)}
                            type="button"
                            class={`toggle ${attended ? 'toggle-present' : 'toggle-absent'}${pressed ? ' is-pressed' : ''}`}
                            aria-pressed={pressed ? 'true' : 'false'}
                            disabled={busy === id}
                            data-mark={attended ? 'attended' : 'missed'}
                            onClick={() => !pressed && act(id, () => api.put(`${eventPath(event.id)}/attendance`, { person_id: participant.person_id, attended }))}
                          >
                            {t(attended ? 'ui.events.attended' : 'ui.events.missed')}
                            <span class="visually-hidden"> {participant.full_name}</span>
                          </button>
                        );
                      })}
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

type Panel = 'edit' | 'cancel' | null;

/** PLAN-2: the organisers' actions on an event ahead; each closes with a message for the page. */
function EventChanges({ event, onDone }: { event: KenesEvent; onDone: (message: string) => Promise<void> }) {
  const [open, setOpen] = useState<Panel>(null);
  const toggle = (panel: Panel) => setOpen((current) => (current === panel ? null : panel));
  const close = async (message: string) => {
    setOpen(null);
    await onDone(message);
  };
  return (
    <section class="section card event-changes" aria-label={t('ui.events.edit')}>
      <div class="form-actions">
        <button type="button" class="button button-secondary" aria-expanded={open === 'edit'} aria-controls="event-edit" data-action="edit-event" onClick={() => toggle('edit')}>
          {t('ui.events.edit')}
        </button>
        <button type="button" class="button button-danger" aria-expanded={open === 'cancel'} aria-controls="event-cancel" data-action="cancel-event" onClick={() => toggle('cancel')}>
          {t('ui.events.cancel')}
        </button>
      </div>
      {open === 'edit' && <EditEvent event={event} onClose={() => setOpen(null)} onDone={close} />}
      {open === 'cancel' && <CancelEvent event={event} onClose={() => setOpen(null)} onDone={close} />}
    </section>
  );
}

interface PanelProps {
  event: KenesEvent;
  onClose: () => void;
  onDone: (message: string) => Promise<void>;
}

function EditEvent({ event, onClose, onDone }: PanelProps) {
  const [form, setForm] = useState<EventEditForm>(() => editFormOf(event));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof EventEditForm>(key: K) => (value: EventEditForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const missing = missingEditFields(form);
    if (missing.length) {
      setErrors({ fields: Object.fromEntries(missing.map((field) => [field, t('field.required')])), general: [] });
      return;
    }
    const changes = eventChanges(event, form);
    if (Object.keys(changes).length === 0) {
      await onDone(t('ui.events.unchanged'));
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.patch(eventPath(event.id), changes);
      await onDone(t('ui.events.saved'));
    } catch (error) {
      setErrors(formErrors(error, EVENT_EDIT_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="event-edit" class="form" noValidate onSubmit={submit} data-testid="edit-event" aria-labelledby="edit-event-title">
      <h2 id="edit-event-title">{t('ui.events.edit')}</h2>
      <p class="muted">{t('ui.events.edit_hint')}</p>
      <ErrorList messages={errors.general} />
      <TextField label={t('ui.events.event_title')} name="title" required maxLength={300} value={form.title} onValue={set('title')} error={errors.fields.title} autoComplete="off" />
      <TextAreaField label={t('ui.events.description')} name="description" maxLength={5000} value={form.description} onValue={set('description')} error={errors.fields.description} />
      <div class="grid-2">
        <TextField label={t('ui.events.date')} name="held_on" type="date" required value={form.held_on} onValue={set('held_on')} error={errors.fields.held_on} />
        <TextField label={t('ui.events.time')} name="starts_at" type="time" value={form.starts_at} onValue={set('starts_at')} error={errors.fields.starts_at} />
      </div>
      <TextField label={t('ui.events.place')} name="place" required maxLength={300} value={form.place} onValue={set('place')} error={errors.fields.place} autoComplete="off" />
      <div class="form-actions">
        <button type="submit" class="button" disabled={busy}>
          {busy ? t('ui.common.saving') : t('ui.events.edit_submit')}
        </button>
        <button type="button" class="button button-secondary" onClick={onClose}>
          {t('ui.common.close')}
        </button>
      </div>
    </form>
  );
}

function CancelEvent({ event, onClose, onDone }: PanelProps) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors({ fields: { reason: t('field.required') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.post(`${eventPath(event.id)}/cancel`, { reason: reason.trim() });
      await onDone(t('ui.events.cancelled_notice'));
    } catch (error) {
      setErrors(formErrors(error, ['reason']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="event-cancel" class="form" noValidate onSubmit={submit} data-testid="cancel-event" aria-labelledby="cancel-event-title">
      <h2 id="cancel-event-title">{t('ui.events.cancel')}</h2>
      <ErrorList messages={errors.general} />
      <TextAreaField label={t('ui.events.cancel_reason')} name="reason" required maxLength={1000} hint={t('ui.events.cancel_hint')} value={reason} onValue={setReason} error={errors.fields.reason} />
      <div class="form-actions">
        <button type="submit" class="button button-danger" disabled={busy}>
          {busy ? t('ui.common.saving') : t('ui.events.cancel_submit')}
        </button>
        <button type="button" class="button button-secondary" onClick={onClose}>
          {t('ui.common.close')}
        </button>
      </div>
    </form>
  );
}
