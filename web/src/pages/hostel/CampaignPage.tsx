// A year's campaign for the head and the commission: the plan of grant and paid places and the
// price (HST-PAID-1), the deadline and its extension by the commission's adopted item (HST-APP-1),
// the application journal (appendix 3) with paper applications, the ranking with each applicant's
// explanation (HST-PRI-1..3), the proposal of the allocation to a session with deviations and
// their reasons (MTG-4), and the reserve list (appendix 7, HST-RES-1).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { useApp } from '../../context';
import { formatDate, formatDateTime, formatDateTimeSeconds } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { navigate } from '../../router';
import { useAbilities, useResource } from '../bodies/bodies-api';
import { PdfLinks, useAction } from '../elections/parts';
import { explain, hostelPath, type Campaign, type Decision, type JournalLine, type RankingLine, type ReserveLine } from './hostel';
import { MeetingSelect } from './MeetingSelect';

export function CampaignPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [campaign, reload, replace] = useResource<Campaign>(hostelPath('campaigns', params.id), [locale]);
  const may = useAbilities('hostel_campaign', params.id);
  if (campaign.state === 'loading') return <Loading />;
  if (campaign.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.hostel.title')} />
        <Alert>{campaign.message}</Alert>
      </>
    );
  const c = campaign.data;
  return (
    <div data-testid="hostel-campaign-page" data-campaign-id={String(c.id)}>
      <PageHeader title={t('ui.hostel.campaign.year', { year: c.academic_year })} subtitle={c.commission_name} />
      <p>
        <Link href="/hostel">{t('ui.hostel.back')}</Link>
      </p>
      <section class="section card" data-testid="hostel-plan">
        <h2>
          {t('ui.hostel.campaign.plan')} <RuleRef rule="HST-PAID-1" />
        </h2>
        <dl class="facts facts-pairs">
          <dt>{t('ui.hostel.campaign.grant_places')}</dt>
          <dd>{c.grant_places}</dd>
          <dt>{t('ui.hostel.campaign.paid_places')}</dt>
          <dd>{c.paid_places}</dd>
          <dt>{t('ui.hostel.campaign.price')}</dt>
          <dd>{c.price_tenge.toLocaleString(locale)} ₸</dd>
          <dt>{t('ui.hostel.campaign.deadline')}</dt>
          <dd data-testid="hostel-last-day">
            {formatDate(c.last_day, locale)} {c.accepting ? t('ui.hostel.campaign.open_now') : t('ui.hostel.campaign.closed_now')}
          </dd>
          {c.extended_until && (
            <>
              <dt>{t('ui.hostel.campaign.extension')}</dt>
              <dd>{c.extension_reason}</dd>
            </>
          )}
          <dt>{t('ui.hostel.campaign.offer_hours')}</dt>
          <dd>{c.offer_hours}</dd>
        </dl>
        {may('hostel_campaign.edit') && !c.decision?.decided && <PlanForm campaign={c} onDone={replace} />}
        {may('hostel_campaign.decide') && <ExtensionForm campaign={c} onDone={replace} />}
      </section>
      <Journal campaign={c} canRegister={may('hostel_campaign.edit')} />
      <Ranking campaign={c} canPropose={may('hostel_campaign.decide')} onChanged={reload} />
      {c.decision?.decided && <Reserve campaign={c} />}
    </div>
  );
}

function PlanForm({ campaign: c, onDone }: { campaign: Campaign; onDone: (c: Campaign) => void }) {
  const [grant, setGrant] = useState(String(c.grant_places));
  const [paid, setPaid] = useState(String(c.paid_places));
  const [price, setPrice] = useState(String(c.price_tenge));
  const [hours, setHours] = useState(String(c.offer_hours));
  const action = useAction(['grant_places', 'paid_places', 'price_tenge', 'offer_hours']);
  return (
    <details>
      <summary>{t('ui.hostel.campaign.edit_plan')}</summary>
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          await action.run(async () =>
            onDone(await api.put<Campaign>(hostelPath('campaigns', c.id, 'plan'), { grant_places: Number(grant), paid_places: Number(paid), price_tenge: Number(price), offer_hours: Number(hours) })),
          );
        }}
      >
        <TextField label={t('ui.hostel.campaign.grant_places')} name="grant_places" type="number" value={grant} onValue={setGrant} error={action.errors.fields.grant_places} required />
        <TextField label={t('ui.hostel.campaign.paid_places')} name="paid_places" type="number" value={paid} onValue={setPaid} error={action.errors.fields.paid_places} required />
        <TextField label={t('ui.hostel.campaign.price')} name="price_tenge" type="number" value={price} onValue={setPrice} error={action.errors.fields.price_tenge} required />
        <TextField label={t('ui.hostel.campaign.offer_hours')} name="offer_hours" type="number" value={hours} onValue={setHours} error={action.errors.fields.offer_hours} />
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy}>
            {t('ui.hostel.save')}
          </button>
        </div>
      </form>
    </details>
  );
}

function ExtensionForm({ campaign: c, onDone }: { campaign: Campaign; onDone: (c: Campaign) => void }) {
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [item, setItem] = useState('');
  const action = useAction(['until', 'reason', 'agenda_item_id']);
  return (
    <details data-testid="hostel-extension">
      <summary>
        {t('ui.hostel.campaign.extend')} <RuleRef rule="HST-APP-1" />
      </summary>
      <p class="muted">{t('ui.hostel.campaign.extend_hint')}</p>
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          await action.run(async () => onDone(await api.post<Campaign>(hostelPath('campaigns', c.id, 'extension'), { until, reason, agenda_item_id: Number(item) })));
        }}
      >
        <TextField label={t('ui.hostel.campaign.extend_until')} name="until" type="date" value={until} onValue={setUntil} error={action.errors.fields.until} required />
        <TextAreaField label={t('ui.hostel.campaign.extend_reason')} name="reason" value={reason} onValue={setReason} error={action.errors.fields.reason} required />
        <TextField label={t('ui.hostel.campaign.extend_item')} name="agenda_item_id" type="number" value={item} onValue={setItem} error={action.errors.fields.agenda_item_id} required />
        {action.alert}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy}>
            {t('ui.hostel.campaign.extend')}
          </button>
        </div>
      </form>
    </details>
  );
}

function Journal({ campaign: c, canRegister }: { campaign: Campaign; canRegister: boolean }) {
  const { locale } = useApp();
  const [journal] = useResource<{ items: (JournalLine & { missing: string[] })[] }>(hostelPath('campaigns', c.id, 'applications'), [locale]);
  const [student, setStudent] = useState<PickedPerson | null>(null);
  return (
    <section class="section card" data-testid="hostel-journal">
      <h2>
        {t('ui.hostel.journal.title')} <RuleRef rule="HST-APP-1" />
      </h2>
      <p>
        {t('ui.hostel.pdf')}: <PdfLinks path={hostelPath('campaigns', c.id, 'journal.pdf')} testid="hostel-journal-pdf" />
      </p>
      {canRegister && c.accepting && (
        <div class="form" data-testid="hostel-paper">
          <PersonPicker label={t('ui.hostel.journal.paper_student')} name="paper_student" kind="student" value={student} onValue={setStudent} hint={t('ui.hostel.journal.paper_hint')} />
          <div class="form-actions">
            <button type="button" class="button" disabled={!student} onClick={() => student && navigate(`/hostel/apply/${student.id}?paper=1`)} data-testid="hostel-paper-start">
              {t('ui.hostel.application.register_paper')}
            </button>
          </div>
        </div>
      )}
      {journal.state === 'loading' && <Loading />}
      {journal.state === 'failed' && <Alert>{journal.message}</Alert>}
      {journal.state === 'ready' && (
        <div class="table-scroll">
          <table class="table table-compact">
            <thead>
              <tr>
                <th>№</th>
                <th>{t('hostel.application.registered_at')}</th>
                <th>{t('hostel.application.student')}</th>
                <th>{t('hostel.application.group')}</th>
                <th>{t('hostel.application.channel')}</th>
                <th>{t('ui.hostel.application.status')}</th>
                <th>{t('ui.hostel.document.title')}</th>
              </tr>
            </thead>
            <tbody>
              {journal.data.items.map((a) => (
                <tr key={String(a.id)} data-testid="hostel-journal-line">
                  <td>{a.number}</td>
                  <td>{formatDateTimeSeconds(a.registered_at, locale)}</td>
                  <td>
                    <Link href={`/hostel/applications/${a.id}`}>{a.student_name}</Link>
                  </td>
                  <td>{a.priority_group}</td>
                  <td>{t(`hostel.application.channel_${a.channel}`)}</td>
                  <td>{t(`ui.hostel.status.${a.status}`)}</td>
                  <td>{a.missing.length ? t('ui.hostel.document.missing', { count: a.missing.length }) : '✓'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Ranking({ campaign: c, canPropose, onChanged }: { campaign: Campaign; canPropose: boolean; onChanged: () => Promise<void> }) {
  const { locale } = useApp();
  const [ranking] = useResource<{ items: RankingLine[] }>(hostelPath('campaigns', c.id, 'ranking'), [locale, c.decision?.id]);
  const [meeting, setMeeting] = useState('');
  const [deviations, setDeviations] = useState<Record<string, { outcome: string; reason: string }>>({});
  const action = useAction(['meeting_id', 'deviations']);
  const decisionLink = c.decision && (
    <p>
      <Link href={`/hostel/decisions/${c.decision.id}`} data-testid="hostel-decision-link">
        {t(c.decision.decided ? 'ui.hostel.decision.recorded' : 'ui.hostel.decision.pending')}
      </Link>
      {c.decision.order_number && <> · {t('ui.hostel.decision.order', { number: c.decision.order_number })}</>}
    </p>
  );
  if (c.decision?.decided)
    return (
      <section class="section card" data-testid="hostel-ranking">
        <h2>{t('ui.hostel.allocation.title')}</h2>
        {decisionLink}
      </section>
    );
  return (
    <section class="section card" data-testid="hostel-ranking">
      <h2>
        {t('ui.hostel.allocation.ranking')} <RuleRef rule="HST-PRI-1" />
      </h2>
      <p class="muted">{t('ui.hostel.allocation.ranking_hint')}</p>
      {decisionLink}
      {ranking.state === 'loading' && <Loading />}
      {ranking.state === 'failed' && <Alert>{ranking.message}</Alert>}
      {ranking.state === 'ready' && (
        <ol class="plain-list hostel-ranking">
          {ranking.data.items.map((r) => {
            const dev = deviations[String(r.id)];
            return (
              <li key={String(r.id)} data-testid="hostel-ranking-line" data-outcome={dev?.outcome ?? r.outcome}>
                <strong>
                  {r.standing.position}. <Link href={`/hostel/applications/${r.id}`}>{r.student_name}</Link>
                </strong>{' '}
                <span class="badge">{t(`ui.hostel.outcome.${dev?.outcome ?? r.outcome}`)}</span>
                <br />
                <span class="muted">{explain(r.standing, formatDateTimeSeconds(r.standing.registered_at, locale))}</span>
                {r.missing > 0 && <span class="muted"> · {t('ui.hostel.document.missing', { count: r.missing })}</span>}
                {canPropose && !c.accepting && (
                  <details>
                    <summary>{t('ui.hostel.allocation.deviate')}</summary>
                    <SelectField label={t('ui.hostel.allocation.outcome')} name={`outcome-${r.id}`} value={dev?.outcome ?? r.outcome}
                      onValue={(v) => setDeviations({ ...deviations, [String(r.id)]: { outcome: v, reason: dev?.reason ?? '' } })}
                      options={['grant', 'paid', 'reserve', 'refused'].map((o) => ({ value: o, label: t(`ui.hostel.outcome.${o}`) }))} />
                    <TextAreaField label={t('ui.hostel.allocation.deviation')} name={`reason-${r.id}`} value={dev?.reason ?? ''}
                      onValue={(v) => setDeviations({ ...deviations, [String(r.id)]: { outcome: dev?.outcome ?? r.outcome, reason: v } })} />
                  </details>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {canPropose &&
        (c.accepting ? (
          <p class="muted">{t('rule.hostel.allocation.before_deadline', { last_day: formatDate(c.last_day, locale) })}</p>
        ) : (
          <form
            class="form"
            noValidate
            data-testid="hostel-propose"
            onSubmit={async (e) => {
              e.preventDefault();
              await action.run(async () => {
                const d = await api.post<Decision>(hostelPath('campaigns', c.id, 'allocation'), {
                  meeting_id: Number(meeting),
                  deviations: Object.entries(deviations).map(([id, d]) => ({ application_id: Number(id), outcome: d.outcome, reason: d.reason })),
                });
                await onChanged();
                navigate(`/hostel/decisions/${d.id}`);
              });
            }}
          >
            <MeetingSelect bodyId={c.commission_body_id} value={meeting} onValue={setMeeting} error={action.errors.fields.meeting_id} />
            {action.errors.fields.deviations && <p class="field-error">{action.errors.fields.deviations}</p>}
            {action.alert}
            <div class="form-actions">
              <button type="submit" class="button" disabled={action.busy} data-testid="hostel-propose-submit">
                {t('ui.hostel.allocation.propose')}
              </button>
            </div>
          </form>
        ))}
    </section>
  );
}

function Reserve({ campaign: c }: { campaign: Campaign }) {
  const { locale } = useApp();
  const [reserve] = useResource<{ items: ReserveLine[] }>(hostelPath('campaigns', c.id, 'reserve'), [locale]);
  return (
    <section class="section card" data-testid="hostel-reserve">
      <h2>
        {t('ui.hostel.reserve.title')} <RuleRef rule="HST-RES-1" />
      </h2>
      <p>
        {t('ui.hostel.pdf')}: <PdfLinks path={hostelPath('campaigns', c.id, 'reserve.pdf')} testid="hostel-reserve-pdf" />
      </p>
      {reserve.state === 'ready' &&
        (reserve.data.items.length === 0 ? (
          <p class="muted">{t('ui.hostel.reserve.empty')}</p>
        ) : (
          <ol class="plain-list">
            {reserve.data.items.map((r) => (
              <li key={String(r.id)} data-testid="hostel-reserve-line">
                <Link href={`/hostel/applications/${r.id}`}>{r.student_name}</Link> <span class="muted">· {t(`ui.hostel.status.${r.status}`)}</span>
                {r.offer && <span class="muted"> · {t('ui.hostel.offer.until', { at: formatDateTime(r.offer.expires_at, locale) })}</span>}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
