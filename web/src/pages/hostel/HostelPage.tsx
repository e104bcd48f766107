// The hostel's home (seed 004 hostel rules): the campaigns with their deadlines (HST-APP-1); for a
// family, each child's applications and the way to apply; for the head, the stock and a new
// campaign; the commission reaches each campaign's journal and ranking from here.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { Me } from '../../types';
import { useAbilities, useResource } from '../bodies/bodies-api';
import type { BodySummary } from '../bodies/bodies-types';
import { useAction } from '../elections/parts';
import { hostelPath, type Application, type Campaign, type Id } from './hostel';

export function HostelPage() {
  const { locale, can } = useApp();
  const [campaigns, reload] = useResource<{ items: Campaign[] }>(hostelPath('campaigns'), [locale]);
  const [me] = useResource<Me>('/api/v1/me', [locale]);
  const children = me.state === 'ready' ? me.data.children : [];
  return (
    <>
      <PageHeader title={t('ui.hostel.title')} subtitle={t('ui.hostel.subtitle')} />
      {can('hostel.manage') && (
        <p>
          <Link href="/hostel/stock" data-testid="hostel-stock-link">
            {t('ui.hostel.stock.title')}
          </Link>
        </p>
      )}
      {!can('hostel.manage') && (
        <p>
          <Link href="/hostel/my" data-testid="hostel-my-link">
            {t('ui.hostel.my_residence_link')}
          </Link>
        </p>
      )}
      <section class="section card" data-testid="hostel-campaigns">
        <h2>
          {t('ui.hostel.campaign.list')} <RuleRef rule="HST-APP-1" />
        </h2>
        {campaigns.state === 'loading' && <Loading />}
        {campaigns.state === 'failed' && <Alert>{campaigns.message}</Alert>}
        {campaigns.state === 'ready' &&
          (campaigns.data.items.length === 0 ? (
            <p class="muted">{t('ui.hostel.campaign.none')}</p>
          ) : (
            <ul class="plain-list">
              {campaigns.data.items.map((c) => (
                <CampaignRow key={String(c.id)} campaign={c} />
              ))}
            </ul>
          ))}
        {can('hostel.manage') && <OpenCampaignForm onDone={reload} />}
      </section>
      {children.length > 0 && campaigns.state === 'ready' && (
        <section class="section card" data-testid="hostel-children">
          <h2>{t('ui.hostel.application.children')}</h2>
          {children.map((child) => (
            <ChildApplications key={String(child.id)} id={child.id} name={child.full_name} campaigns={campaigns.data.items} />
          ))}
        </section>
      )}
    </>
  );
}

function CampaignRow({ campaign: c }: { campaign: Campaign }) {
  const { locale } = useApp();
  const may = useAbilities('hostel_campaign', c.id);
  const label = t('ui.hostel.campaign.year', { year: c.academic_year });
  return (
    <li data-testid="hostel-campaign" data-campaign-id={String(c.id)}>
      {may('hostel_campaign.read') ? <Link href={`/hostel/campaigns/${c.id}`}>{label}</Link> : <strong>{label}</strong>}{' '}
      <span class="muted">
        {c.accepting ? t('ui.hostel.campaign.accepting_until', { date: formatDate(c.last_day, locale) }) : t('ui.hostel.campaign.closed', { date: formatDate(c.last_day, locale) })}
      </span>
    </li>
  );
}

function ChildApplications({ id, name, campaigns }: { id: Id; name: string; campaigns: Campaign[] }) {
  const { locale } = useApp();
  const [apps] = useResource<{ items: Application[] }>(hostelPath('students', id, 'applications'), [locale]);
  const open = campaigns.filter((c) => c.accepting);
  const applied = apps.state === 'ready' ? apps.data.items.map((a) => String(a.campaign_id)) : [];
  const canApply = open.some((c) => !applied.includes(String(c.id)));
  return (
    <div class="hostel-child" data-testid="hostel-child" data-student-id={String(id)}>
      <h3>{name}</h3>
      {apps.state === 'ready' && apps.data.items.length > 0 && (
        <ul class="plain-list">
          {apps.data.items.map((a) => (
            <li key={String(a.id)}>
              <Link href={`/hostel/applications/${a.id}`} data-testid="hostel-child-application">
                {t('ui.hostel.application.title', { number: a.number, year: a.academic_year })}
              </Link>{' '}
              <span class="badge">{t(`ui.hostel.status.${a.status}`)}</span>
              {a.offer && a.offer.state === 'open' && <strong> · {t('ui.hostel.offer.waiting')}</strong>}
            </li>
          ))}
        </ul>
      )}
      {apps.state === 'failed' && <Alert>{apps.message}</Alert>}
      {canApply && (
        <p>
          <Link class="button" href={`/hostel/apply/${id}`} data-testid="hostel-apply-link">
            {t('ui.hostel.application.apply')}
          </Link>
        </p>
      )}
    </div>
  );
}

function OpenCampaignForm({ onDone }: { onDone: () => Promise<void> }) {
  const { locale } = useApp();
  const [bodies] = useResource<{ items: BodySummary[] }>('/api/v1/bodies?limit=200', [locale]);
  const next = new Date().getFullYear();
  const [year, setYear] = useState(`${next}-${next + 1}`);
  const [body, setBody] = useState('');
  const [grant, setGrant] = useState('0');
  const [paid, setPaid] = useState('0');
  const [price, setPrice] = useState('0');
  const action = useAction(['academic_year', 'commission_body_id', 'grant_places', 'paid_places', 'price_tenge']);
  const commissions = bodies.state === 'ready' ? bodies.data.items.filter((b) => b.template === 'hostel_allocation_commission') : [];
  return (
    <form
      class="form"
      noValidate
      data-testid="hostel-open-campaign"
      onSubmit={async (e) => {
        e.preventDefault();
        await action.run(async () => {
          const c = await api.post<Campaign>(hostelPath('campaigns'), {
            academic_year: year.trim(),
            commission_body_id: Number(body),
            grant_places: Number(grant),
            paid_places: Number(paid),
            price_tenge: Number(price),
          });
          await onDone();
          navigate(`/hostel/campaigns/${c.id}`);
        });
      }}
    >
      <h3>{t('ui.hostel.campaign.open')}</h3>
      <TextField label={t('ui.hostel.campaign.academic_year')} name="academic_year" value={year} onValue={setYear} error={action.errors.fields.academic_year} required />
      <SelectField
        label={t('ui.hostel.campaign.commission')}
        name="commission_body_id"
        value={body}
        onValue={setBody}
        options={[{ value: '', label: '—' }, ...commissions.map((b) => ({ value: String(b.id), label: b.name }))]}
        error={action.errors.fields.commission_body_id}
        required
      />
      <TextField label={t('ui.hostel.campaign.grant_places')} name="grant_places" type="number" value={grant} onValue={setGrant} error={action.errors.fields.grant_places} required />
      <TextField label={t('ui.hostel.campaign.paid_places')} name="paid_places" type="number" value={paid} onValue={setPaid} error={action.errors.fields.paid_places} required />
      <TextField label={t('ui.hostel.campaign.price')} name="price_tenge" type="number" value={price} onValue={setPrice} error={action.errors.fields.price_tenge} />
      {action.alert}
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy}>
          {t('ui.hostel.campaign.open')}
        </button>
      </div>
    </form>
  );
}
