// A session. For its chair, vice-chair or secretary (and managers of bodies) the "secretary
// screen": attendance, the quorum as the server explains it (MTG-3, MTG-4, MTG-5), agenda items
// with interested persons (MTG-6), opening and closing votes with live counts, the outcome.
// For a member, on a phone as well: their vote with a confirmation step, the refusals in words,
// and a dissenting opinion on a decided item (ORG-10). The data stays fresh by itself (useMeeting).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList, RuleRef } from '../../components/Alert';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, problemMessage, ruleOf, type FormErrors } from '../../errors';
import { formatDate } from '../../format';
import { t, tOr, type Locale } from '../../i18n';
import type { RouteProps } from '../../routes';
import { bodyPath, meetingTitle, NO_REFUSAL, positionName, refusal, useAbilities, useResource, type Refusal } from './bodies-api';
import type { AgendaItem, AttendanceEntry, BodySummary, Meeting, VoteChoice, VoteReceipt } from './bodies-types';
import { ITEM_KINDS, VOTE_CHOICES } from './bodies-types';
import { msUntilStart, sameId } from './bodies';
import { useMeeting } from './meeting-feed';
import { ProtocolSection } from './ProtocolSection';
import { AnnulForm, AnnulmentMarks } from '../instructions/Annulment';
import {
  attendanceOf,
  EMPTY_ITEM,
  eligibleVoters,
  ITEM_FIELDS,
  itemBody,
  mayDissent,
  voterState,
  votedNames,
  withVote,
  type ItemForm,
} from './meeting';

const itemPath = (item: AgendaItem) => `/api/v1/agenda-items/${encodeURIComponent(String(item.id))}`;

export function MeetingPage({ params }: RouteProps) {
  const { locale, user } = useApp();
  const feed = useMeeting(params.id, locale);
  const meeting = feed.meeting;
  const [body] = useResource<BodySummary>(meeting ? bodyPath(String(meeting.body_id)) : null, [locale]);
  const may = useAbilities('meeting', params.id);
  // MTG-1: a scheduled session opens at its start without any change of data, so the live stream
  // stays silent then; the page asks once when the start comes.
  const wait = meeting ? msUntilStart(meeting, Date.now()) : null;
  useEffect(() => {
    if (wait === null) return undefined;
    const timer = setTimeout(feed.refresh, wait);
    return () => clearTimeout(timer);
  }, [wait === null, meeting?.held_on, meeting?.starts_at]);

  if (!meeting) {
    if (feed.error)
      return (
        <>
          <p class="breadcrumb">
            <Link href="/bodies">{t('ui.body.back')}</Link>
          </p>
          <PageHeader title={t('ui.meeting.page_title')} />
          <Alert>{problemMessage(feed.error)}</Alert>
        </>
      );
    return <Loading />;
  }

  const me = attendanceOf(meeting, user?.person_id);
  const runs = may('meeting.run') && meeting.status === 'open';
  // Before the start the agenda may be prepared, but nobody is marked and no vote opens (MTG-1).
  const scheduled = meeting.status === 'scheduled';
  const prepares = may('meeting.run') && scheduled;
  const bodyName = body.state === 'ready' ? body.data.name : '';
  const attendance = <AttendanceSection meeting={meeting} runs={runs} onMeeting={feed.apply} />;

  return (
    <>
      <p class="breadcrumb">
        <Link href={`/bodies/${encodeURIComponent(String(meeting.body_id))}`}>{bodyName || t('ui.meeting.back_to_body')}</Link>
      </p>
      <PageHeader
        title={meetingTitle(meeting.number)}
        subtitle={[bodyName, t('ui.meeting.when_where', { date: sessionWhen(meeting, locale), place: meeting.place, year: meeting.academic_year })].filter(Boolean).join(' · ')}
      />
      {meeting.extraordinary && (
        <p class="extraordinary-note">
          <span class="badge badge-extraordinary" data-testid="extraordinary">
            {t('ui.meeting.extraordinary')}
          </span>
        </p>
      )}
      {scheduled && (
        <p class="notice scheduled-note" data-testid="scheduled-note" role="status">
          <span class="badge">{t('ui.meeting.status_scheduled')}</span>{' '}
          {t('ui.meeting.scheduled_note', { date: formatDate(meeting.held_on, locale), time: meeting.starts_at })} <RuleRef rule="MTG-1" />
        </p>
      )}
      <p class="live-note muted" data-testid="live-note">
        {feed.error ? (
          <span class="field-warning" role="status">
            {t('ui.meeting.refresh_failed', { message: problemMessage(feed.error) })}
          </span>
        ) : (
          t('ui.meeting.live')
        )}
      </p>
      {me && <MyPlace entry={me} />}
      <QuorumBox meeting={meeting} />
      {/* The secretary marks attendance first; a member on a phone wants the vote first. */}
      {runs && attendance}
      <section class="section" aria-labelledby="agenda-title" data-testid="agenda">
        <h2 id="agenda-title">{t('ui.meeting.agenda')}</h2>
        {meeting.items.length === 0 ? (
          <p class="muted">{t('ui.meeting.agenda_empty')}</p>
        ) : (
          <ol class="agenda-list">
            {meeting.items.map((item) => (
              <ItemCard
                key={String(item.id)}
                meeting={meeting}
                item={item}
                runs={runs}
                annuls={may('meeting.run') && body.state === 'ready' && body.data.template === 'general_meeting'}
                onAnnulled={feed.refresh}
                personId={user?.person_id ?? null}
                onMeeting={feed.apply}
                onVoted={(receipt) => feed.amend((current) => withVote(current, receipt))}
              />
            ))}
          </ol>
        )}
        {(runs || prepares) && <AddItemForm meeting={meeting} onMeeting={feed.apply} />}
      </section>
      {!runs && attendance}
      <ProtocolSection meeting={meeting} runsBody={may('meeting.run')} confidential={body.state === 'ready' && body.data.confidential} personId={user?.person_id ?? null} onClosed={feed.refresh} />
    </>
  );
}

/** "12 December 2026 at 10:00": the day and the start (Almaty time). */
function sessionWhen(meeting: Meeting, locale: Locale): string {
  const date = formatDate(meeting.held_on, locale);
  return meeting.starts_at ? t('ui.meeting.when_time', { date, time: meeting.starts_at }) : date;
}

function MyPlace({ entry }: { entry: AttendanceEntry }) {
  return (
    <p class="my-place" data-testid="my-place">
      {t('ui.meeting.my_place', { position: positionName(entry.position) })}
      {' · '}
      {entry.voting ? t('ui.body.voting') : t('ui.body.non_voting')}
      {' · '}
      <span data-testid="my-attendance">{t(`ui.meeting.attendance.${entry.status}`)}</span>
    </p>
  );
}

function QuorumBox({ meeting }: { meeting: Meeting }) {
  const { quorum } = meeting;
  return (
    <section class={`quorum-box ${quorum.met ? 'is-met' : 'is-not-met'}`} aria-labelledby="quorum-title" data-testid="quorum" data-met={quorum.met ? 'true' : 'false'}>
      <h2 id="quorum-title" class="quorum-title">
        <span class="quorum-state" data-testid="quorum-state">
          {t(quorum.met ? 'ui.meeting.quorum_met' : 'ui.meeting.quorum_not_met')}
        </span>{' '}
        <RuleRef rule={quorum.rule} />
      </h2>
      <p class="quorum-explanation" data-testid="quorum-explanation" aria-live="polite">
        {quorum.explanation}
      </p>
    </section>
  );
}

// ---- attendance

function AttendanceSection({ meeting, runs, onMeeting }: { meeting: Meeting; runs: boolean; onMeeting: (meeting: Meeting) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Refusal>(NO_REFUSAL);

  const mark = async (entry: AttendanceEntry, present: boolean) => {
    const id = String(entry.person_id);
    setBusy(id);
    setFailure(NO_REFUSAL);
    try {
      onMeeting(await api.put<Meeting>(`/api/v1/meetings/${encodeURIComponent(String(meeting.id))}/attendance`, { person_id: entry.person_id, present }));
    } catch (error) {
      const refused = refusal(error);
      setFailure({ ...refused, messages: [t('ui.meeting.attendance_failed', { name: entry.full_name }), ...refused.messages] });
    } finally {
      setBusy(null);
    }
  };

  // One request for the usual case (everyone came); the secretary then marks the few absent.
  const markAll = async () => {
    setBusy('all');
    setFailure(NO_REFUSAL);
    try {
      onMeeting(await api.post<Meeting>(`/api/v1/meetings/${encodeURIComponent(String(meeting.id))}/attendance/all-present`, {}));
    } catch (error) {
      const refused = refusal(error);
      setFailure({ ...refused, messages: [t('ui.meeting.mark_all_present_failed'), ...refused.messages] });
    } finally {
      setBusy(null);
    }
  };
  const allPresent = meeting.attendance.every((entry) => entry.status === 'present');

  return (
    <section class="section card" aria-labelledby="attendance-title" data-testid="attendance">
      <h2 id="attendance-title">
        {t('ui.meeting.attendance_title')}{' '}
        <span class="muted attendance-count" data-testid="voting-present">
          ({t('ui.meeting.voting_present', { present: meeting.voting_present ?? meeting.quorum.present, total: meeting.voting_members ?? meeting.quorum.base })})
        </span>
      </h2>
      <ErrorList messages={failure.messages} rule={failure.rule} />
      {runs && meeting.attendance.length > 0 && !allPresent && (
        <p class="form-actions">
          <button type="button" class="button" disabled={busy !== null} onClick={markAll} data-action="mark-all-present">
            {t('ui.meeting.mark_all_present')}
          </button>
        </p>
      )}
      {meeting.attendance.length === 0 ? (
        <p class="muted">{t('ui.body.members_empty')}</p>
      ) : (
        <ul class="plain-list attendance-list">
          {meeting.attendance.map((entry) => {
            const id = String(entry.person_id);
            return (
              <li key={id} class="attendance-row" data-person-id={id} data-status={entry.status}>
                <div class="attendance-who">
                  <strong>{entry.full_name}</strong>
                  <span class="muted">
                    {' · '}
                    {positionName(entry.position)}
                    {!entry.voting && <> · {t('ui.body.non_voting')}</>}
                  </span>
                </div>
                {runs ? (
                  <div class="toggle-pair" role="group" aria-label={t('ui.meeting.attendance_of', { name: entry.full_name })}>
                    {([true, false] as const).map((present) => {
                      const pressed = entry.status === (present ? 'present' : 'absent');
                      return (
                        <button
                          key={String(present)}
                          type="button"
                          class={`toggle ${present ? 'toggle-present' : 'toggle-absent'}${pressed ? ' is-pressed' : ''}`}
                          aria-pressed={pressed ? 'true' : 'false'}
                          disabled={busy === id}
                          data-mark={present ? 'present' : 'absent'}
                          onClick={() => !pressed && mark(entry, present)}
                        >
                          {t(present ? 'ui.meeting.mark_present' : 'ui.meeting.mark_absent')}
                          <span class="visually-hidden"> {entry.full_name}</span>
                        </button>
                      );
                    })}
                  </div>
                ) : (
                  <span class={`badge badge-attendance-${entry.status}`}>{t(`ui.meeting.attendance.${entry.status}`)}</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

// ---- agenda items

interface ItemProps {
  meeting: Meeting;
  item: AgendaItem;
  runs: boolean;
  annuls: boolean;   // MTG-8: an officer of the General Meeting
  onAnnulled: () => void;
  personId: string | number | null;
  onMeeting: (meeting: Meeting) => void;
  onVoted: (receipt: VoteReceipt) => void;
}

function ItemCard({ meeting, item, runs, annuls, onAnnulled, personId, onMeeting, onVoted }: ItemProps) {
  const nameOf = (id: string | number) => attendanceOf(meeting, id)?.full_name ?? String(id);
  const interested = item.interested_person_ids.map(nameOf);
  const eligible = eligibleVoters(meeting, item).length;
  const state = voterState(meeting, item, personId);
  return (
    <li class="card agenda-item" data-item-id={String(item.id)} data-vote-status={item.vote_status} aria-labelledby={`item-${String(item.id)}-title`}>
      <h3 id={`item-${String(item.id)}-title`} class="agenda-title">
        <span class="agenda-number">{item.position}.</span> {item.title}
      </h3>
      <p class="muted agenda-meta">
        {tOr('ui.meeting.kind.', item.kind)}
        {item.secret && <> · {t('ui.meeting.secret')}</>}
      </p>
      <p class="agenda-motion">
        <span class="muted">{t('ui.meeting.motion')}: </span>
        {item.motion}
      </p>
      {interested.length > 0 && (
        <p class="agenda-interested" data-testid="interested">
          {t('ui.meeting.interested_list', { names: interested.join(', ') })} <RuleRef rule="MTG-6" />
        </p>
      )}
      <VoteStatusLine item={item} eligible={eligible} />
      {runs && item.vote_status !== 'closed' && <RunnerVoteControls meeting={meeting} item={item} eligible={eligible} onMeeting={onMeeting} />}
      {runs && item.vote_status === 'open' && !item.secret && item.votes.length > 0 && (
        <p class="muted voted-names" data-testid="voted-names">
          {t('ui.meeting.voted_names', { names: votedNames(meeting, item).join(', ') })}
        </p>
      )}
      {item.vote_status === 'closed' && <Outcome meeting={meeting} item={item} />}
      <AnnulmentMarks item={item} />
      {annuls && item.outcome === 'adopted' && <AnnulForm item={item} onDone={onAnnulled} />}
      {state && <VotePanel item={item} state={state} onVoted={onVoted} />}
      {item.dissents.length > 0 && (
        <div class="dissents" data-testid="dissents">
          <h4 class="subheading">
            {t('ui.meeting.dissents')} <RuleRef rule="ORG-10" />
          </h4>
          <ul class="plain-list">
            {item.dissents.map((dissent) => (
              <li key={String(dissent.person_id)} data-person-id={String(dissent.person_id)}>
                <strong>{nameOf(dissent.person_id)}:</strong> <span class="dissent-text">{dissent.text}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {mayDissent(meeting, item, personId) && (
        <DissentForm item={item} existing={item.dissents.find((dissent) => sameId(dissent.person_id, personId))?.text ?? ''} onMeeting={onMeeting} />
      )}
    </li>
  );
}

function VoteStatusLine({ item, eligible }: { item: AgendaItem; eligible: number }) {
  if (item.vote_status === 'open')
    return (
      <p class="vote-status vote-open" data-testid="vote-status">
        <span class="badge badge-open">{t('ui.meeting.vote_status.open')}</span>{' '}
        <span data-testid="votes-cast" aria-live="polite">
          {t('ui.meeting.votes_cast', { cast: item.votes_cast, eligible })}
        </span>
      </p>
    );
  return (
    <p class="vote-status" data-testid="vote-status">
      <span class="badge">{t(`ui.meeting.vote_status.${item.vote_status === 'closed' ? 'closed' : 'none'}`)}</span>
    </p>
  );
}

function RunnerVoteControls({ meeting, item, eligible, onMeeting }: { meeting: Meeting; item: AgendaItem; eligible: number; onMeeting: (meeting: Meeting) => void }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Refusal>(NO_REFUSAL);
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const send = async (action: 'open' | 'close') => {
    setBusy(true);
    setFailure(NO_REFUSAL);
    try {
      onMeeting(await api.post<Meeting>(`${itemPath(item)}/vote/${action}`, {}));
      setConfirming(false);
    } catch (error) {
      setFailure(refusal(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="runner-controls" data-testid="runner-controls">
      <ErrorList messages={failure.messages} rule={failure.rule} />
      {item.vote_status === 'none' && (
        <>
          {!meeting.quorum.met && (
            <p class="muted" data-testid="no-quorum-hint">
              {t('ui.meeting.open_without_quorum')}
            </p>
          )}
          <button type="button" class="button" disabled={busy} onClick={() => send('open')} data-action="open-vote">
            {t('ui.meeting.open_vote')}
            <span class="visually-hidden"> {item.title}</span>
          </button>
        </>
      )}
      {item.vote_status === 'open' &&
        (confirming ? (
          <div
            class="confirm-box"
            role="group"
            aria-labelledby={`close-${String(item.id)}`}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                setConfirming(false);
                window.setTimeout(() => closeButton.current?.focus(), 0);
              }
            }}
          >
            <p id={`close-${String(item.id)}`}>{t('ui.meeting.close_question', { cast: item.votes_cast, eligible })}</p>
            <div class="form-actions">
              <button ref={confirmButton} type="button" class="button" disabled={busy} onClick={() => send('close')} data-action="confirm-close">
                {t('ui.meeting.close_vote')}
              </button>
              <button
                type="button"
                class="button button-secondary"
                onClick={() => {
                  setConfirming(false);
                  window.setTimeout(() => closeButton.current?.focus(), 0);
                }}
              >
                {t('ui.common.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <button ref={closeButton} type="button" class="button button-secondary" onClick={() => setConfirming(true)} data-action="close-vote">
            {t('ui.meeting.close_vote')}
            <span class="visually-hidden"> {item.title}</span>
          </button>
        ))}
    </div>
  );
}

function Outcome({ meeting, item }: { meeting: Meeting; item: AgendaItem }) {
  const counts = item.counts ?? { yes: 0, no: 0, abstain: 0 };
  const rollCall = !item.secret && item.votes.some((vote) => vote.choice);
  return (
    <div class={`outcome outcome-${item.outcome ?? 'none'}`} data-testid="outcome" data-outcome={item.outcome ?? ''}>
      <p class="outcome-line">
        <strong class="outcome-word">{item.outcome ? t(`ui.meeting.outcome.${item.outcome}`) : t('ui.meeting.vote_status.closed')}</strong>
        <span class="outcome-counts" data-testid="counts">
          {t('ui.meeting.counts', counts)}
        </span>
      </p>
      {rollCall && (
        <details class="roll-call">
          <summary>{t('ui.meeting.roll_call')}</summary>
          <ul class="plain-list">
            {item.votes.map((vote) => (
              <li key={String(vote.person_id)}>
                {attendanceOf(meeting, vote.person_id)?.full_name ?? String(vote.person_id)}: {vote.choice ? t(`ui.meeting.choice.${vote.choice}`) : '—'}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

// ---- the member's own vote

function VotePanel({ item, state, onVoted }: { item: AgendaItem; state: NonNullable<ReturnType<typeof voterState>>; onVoted: (receipt: VoteReceipt) => void }) {
  const [choice, setChoice] = useState<VoteChoice | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Refusal>(NO_REFUSAL);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (choice) confirmButton.current?.focus();
  }, [choice]);

  const cast = async () => {
    if (!choice) return;
    setBusy(true);
    setFailure(NO_REFUSAL);
    try {
      // The answer is a receipt (the session is not sent back): show the vote, then refetch.
      onVoted(await api.post<VoteReceipt>(`${itemPath(item)}/votes`, { choice }));
      setChoice(null);
      window.setTimeout(() => panel.current?.querySelector<HTMLElement>('[data-testid=vote-recorded]')?.focus(), 0);
    } catch (error) {
      setFailure(refusal(error));
      setChoice(null);
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    const previous = choice;
    setChoice(null);
    window.setTimeout(() => panel.current?.querySelector<HTMLElement>(`[data-choice="${previous}"]`)?.focus(), 0);
  };

  let body;
  switch (state.kind) {
    case 'recused':
      body = (
        <p class="vote-note vote-refused" data-testid="vote-refused">
          {t('rule.recused')} {t('ui.meeting.you_are_interested')} <RuleRef rule={state.rule} />
        </p>
      );
      break;
    case 'voted':
      body = (
        <p class="vote-note vote-recorded" data-testid="vote-recorded" tabIndex={-1}>
          <strong>{t('ui.meeting.vote_recorded')}</strong>
          {state.choice && <> {t('ui.meeting.you_voted', { choice: t(`ui.meeting.choice.${state.choice}`) })}</>}
        </p>
      );
      break;
    case 'non_voting':
      body = (
        <p class="vote-note" data-testid="vote-refused">
          {t('rule.not_a_voting_member')} <RuleRef rule={state.rule} />
        </p>
      );
      break;
    case 'absent':
      body = (
        <p class="vote-note vote-refused" data-testid="vote-refused">
          {t('rule.not_present')} <RuleRef rule={state.rule} />
        </p>
      );
      break;
    case 'not_open':
      body = (
        <p class="vote-note muted" data-testid="vote-waiting">
          {t('ui.meeting.vote_not_open_yet')}
        </p>
      );
      break;
    case 'closed':
      body = (
        <p class="vote-note muted" data-testid="vote-missed">
          {t('ui.meeting.you_did_not_vote')}
        </p>
      );
      break;
    case 'can_vote':
      body = choice ? (
        <div class="vote-confirm" role="group" aria-labelledby={`confirm-${String(item.id)}`}>
          <p id={`confirm-${String(item.id)}`} class="vote-question">
            {t('ui.meeting.confirm_question', { choice: t(`ui.meeting.choice.${choice}`) })}
          </p>
          <div class="vote-confirm-actions">
            <button ref={confirmButton} type="button" class={`button vote-button vote-${choice}`} disabled={busy} onClick={cast} data-action="confirm-vote">
              {busy ? t('ui.common.saving') : t('ui.meeting.confirm_vote')}
            </button>
            <button type="button" class="button button-secondary" disabled={busy} onClick={back}>
              {t('ui.meeting.change_choice')}
            </button>
          </div>
        </div>
      ) : (
        <div class="vote-buttons" role="group" aria-label={t('ui.meeting.your_vote')}>
          {VOTE_CHOICES.map((value) => (
            <button key={value} type="button" class={`vote-button vote-${value}`} data-choice={value} onClick={() => setChoice(value)}>
              {t(`ui.meeting.choice.${value}`)}
            </button>
          ))}
        </div>
      );
      break;
  }

  return (
    <div ref={panel} class={`vote-panel vote-panel-${state.kind}`} data-testid="vote-panel" data-state={state.kind}>
      <h4 class="vote-panel-title">{t('ui.meeting.your_vote')}</h4>
      <ErrorList messages={failure.messages} rule={failure.rule} />
      {body}
    </div>
  );
}

function DissentForm({ item, existing, onMeeting }: { item: AgendaItem; existing: string; onMeeting: (meeting: Meeting) => void }) {
  const [text, setText] = useState(existing);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    setRule(null);
    if (!text.trim()) {
      setErrors({ fields: { text: t('field.required') }, general: [] });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onMeeting(await api.post<Meeting>(`${itemPath(item)}/dissents`, { text: text.trim() }));
      setSaved(true);
    } catch (error) {
      setErrors(formErrors(error, ['text']));
      setRule(ruleOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form dissent-form" noValidate onSubmit={submit} data-testid="dissent-form">
      <ErrorList messages={errors.general} rule={rule} />
      {saved && <Alert kind="success">{t('ui.meeting.dissent_saved')}</Alert>}
      <TextAreaField
        label={t(existing ? 'ui.meeting.dissent_edit' : 'ui.meeting.dissent_label')}
        name="dissent"
        hint={t('ui.meeting.dissent_hint')}
        maxLength={4000}
        value={text}
        onValue={(value) => {
          setText(value);
          setSaved(false);
        }}
        error={errors.fields.text}
      />
      <div class="form-actions">
        <button type="submit" class="button button-secondary" disabled={busy}>
          {busy ? t('ui.common.saving') : t('ui.meeting.dissent_submit')}
        </button>
      </div>
    </form>
  );
}

// ---- adding an item

function AddItemForm({ meeting, onMeeting }: { meeting: Meeting; onMeeting: (meeting: Meeting) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<ItemForm>(EMPTY_ITEM);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ItemForm>(key: K) => (value: ItemForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const toggleInterested = (id: string, on: boolean) =>
    setForm((current) => ({ ...current, interested: on ? [...current.interested.filter((x) => x !== id), id] : current.interested.filter((x) => x !== id) }));

  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    setNotice(null);
    const local: Record<string, string> = {};
    if (!form.kind) local.kind = t('ui.meeting.choose_kind');
    if (!form.title.trim()) local.title = t('field.required');
    if (!form.motion.trim()) local.motion = t('field.required');
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, general: [] });
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      onMeeting(await api.post<Meeting>(`/api/v1/meetings/${encodeURIComponent(String(meeting.id))}/items`, itemBody(form)));
      setNotice(t('ui.meeting.item_added', { title: form.title.trim() }));
      setForm(EMPTY_ITEM);
    } catch (error) {
      setErrors(formErrors(error, ITEM_FIELDS));
      setRule(ruleOf(error));
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="section card" aria-labelledby="add-item-title">
      <h3 id="add-item-title">{t('ui.meeting.add_item')}</h3>
      <form ref={formRef} class="form" noValidate onSubmit={submit} data-testid="add-item">
        <ErrorList messages={errors.general} rule={rule} />
        {notice && <Alert kind="success">{notice}</Alert>}
        <div class="grid-2">
          <SelectField
            label={t('ui.meeting.kind')}
            name="kind"
            required
            value={form.kind}
            onValue={set('kind')}
            error={errors.fields.kind}
            options={[{ value: '', label: t('ui.common.choose') }, ...ITEM_KINDS.map((value) => ({ value, label: t(`ui.meeting.kind.${value}`) }))]}
          />
          <TextField label={t('ui.meeting.item_title')} name="title" required maxLength={500} autoComplete="off" value={form.title} onValue={set('title')} error={errors.fields.title} />
        </div>
        <TextAreaField label={t('ui.meeting.motion')} name="motion" required maxLength={2000} hint={t('ui.meeting.motion_hint')} value={form.motion} onValue={set('motion')} error={errors.fields.motion} />
        <CheckboxField label={t('ui.meeting.secret_vote')} name="secret" hint={t('ui.meeting.secret_hint')} checked={form.secret} onChecked={set('secret')} error={errors.fields.secret} />
        <fieldset class="interested-choice" aria-describedby="interested-hint">
          <legend>
            {t('ui.meeting.interested')} <RuleRef rule="MTG-6" />
          </legend>
          <p id="interested-hint" class="field-hint">
            {t('ui.meeting.interested_hint')}
          </p>
          {meeting.attendance.map((entry) => {
            const id = String(entry.person_id);
            return (
              <CheckboxField
                key={id}
                label={`${entry.full_name} · ${positionName(entry.position)}`}
                name="interested_person_ids"
                value={id}
                checked={form.interested.includes(id)}
                onChecked={(on) => toggleInterested(id, on)}
              />
            );
          })}
          {errors.fields.interested_person_ids && (
            <p class="field-error" data-field-error>
              {errors.fields.interested_person_ids}
            </p>
          )}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.meeting.add_item_submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

