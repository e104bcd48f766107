// /elections: the institution's elections and, for those who run them, a new election (ELEC-COM-1,
// ELEC-DAY-1: election day defaults to the last Friday of September).
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import { useList } from '../bodies/bodies-api';
import type { BodySummary } from '../bodies/bodies-types';
import { academicYearOf, defaultElectionDay, type Election } from './elections';
import { PhaseBadge, useAction } from './parts';

export function ElectionsPage(_props: RouteProps) {
  const { locale, can } = useApp();
  const [elections] = useList<Election>('/api/v1/elections', [locale]);
  return (
    <>
      <PageHeader title={t('ui.election.list_title')} />
      {elections.state === 'loading' && <Loading />}
      {elections.state === 'failed' && <Alert>{elections.message}</Alert>}
      {elections.state === 'ready' &&
        (elections.data.length === 0 ? (
          <p class="muted">{t('ui.election.none')}</p>
        ) : (
          <ul class="plain-list election-list" data-testid="election-list">
            {elections.data.map((e) => (
              <li key={String(e.id)} class="card" data-election-id={String(e.id)}>
                <Link href={`/elections/${encodeURIComponent(String(e.id))}`}>
                  <strong>{e.title}</strong>
                </Link>{' '}
                <PhaseBadge phase={e.phase} /> <span class="muted">{formatDate(e.calendar.election_day, locale)}</span>
                {e.voting_open && (
                  <>
                    {' · '}
                    <Link href={`/elections/${encodeURIComponent(String(e.id))}/vote`}>{t('ui.vote.go')}</Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        ))}
      {can('elections.run') && <CreateElection />}
    </>
  );
}

const FIELDS = ['academic_year', 'title', 'commission_body_id', 'government_body_id', 'election_day'];

function CreateElection() {
  const { locale } = useApp();
  const [bodies] = useList<BodySummary>('/api/v1/bodies', [locale]);
  const initialYear = academicYearOf(todayInAlmaty());
  const [year, setYear] = useState(initialYear);
  const [day, setDay] = useState(defaultElectionDay(initialYear));
  const [dayEdited, setDayEdited] = useState(false);
  const [title, setTitle] = useState('');
  const [commission, setCommission] = useState('');
  const [government, setGovernment] = useState('');
  const action = useAction(FIELDS);
  const of = (template: string) => (bodies.state === 'ready' ? bodies.data.filter((b) => b.template === template) : []);
  const options = (template: string) => [{ value: '', label: t('ui.common.choose') }, ...of(template).map((b) => ({ value: String(b.id), label: b.name }))];

  const submit = async (event: Event) => {
    event.preventDefault();
    let created: Election | null = null;
    const ok = await action.run(async () => {
      created = await api.post<Election>('/api/v1/elections', {
        academic_year: year,
        election_day: day || undefined,
        title: title.trim() || undefined,
        commission_body_id: commission ? Number(commission) : null,
        government_body_id: government ? Number(government) : null,
      });
    });
    if (ok && created) navigate(`/elections/${encodeURIComponent(String((created as Election).id))}`);
  };

  return (
    <section class="section card" data-testid="create-election">
      <h2>{t('ui.election.create')}</h2>
      <form class="form" noValidate onSubmit={submit}>
        {action.alert}
        <div class="grid-2">
          <TextField
            label={t('ui.election.academic_year')}
            name="academic_year"
            required
            value={year}
            placeholder="2026-2027"
            onValue={(value) => {
              setYear(value);
              if (!dayEdited) setDay(defaultElectionDay(value));
            }}
            error={action.errors.fields.academic_year}
          />
          <TextField
            label={t('ui.election.day')}
            name="election_day"
            type="date"
            hint={t('ui.election.day_hint')}
            value={day}
            onValue={(value) => {
              setDay(value);
              setDayEdited(true);
            }}
            error={action.errors.fields.election_day}
          />
        </div>
        <TextField label={t('ui.election.title_field')} name="title" hint={t('ui.election.title_hint')} value={title} onValue={setTitle} maxLength={200} error={action.errors.fields.title} />
        <div class="grid-2">
          <SelectField label={t('ui.election.commission')} name="commission_body_id" required value={commission} onValue={setCommission} options={options('election_commission')} error={action.errors.fields.commission_body_id} />
          <SelectField label={t('ui.election.government')} name="government_body_id" required value={government} onValue={setGovernment} options={options('student_government')} error={action.errors.fields.government_body_id} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy}>
            {action.busy ? t('ui.common.saving') : t('ui.election.create_submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
