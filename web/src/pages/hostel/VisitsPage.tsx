// The visitors' journal (HST-VIS-1) of a day, kept by the duty officer; a visitor's leaving.
import { useState } from 'preact/hooks';
import { api, withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDateTime, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';

interface Visit {
  id: number | string;
  resident_id: number | string;
  student_name: string;
  visitor_name: string;
  relation: string;
  document: string;
  arrived_at: string;
  left_at: string | null;
}

export function VisitsPage(_props: RouteProps) {
  const { locale } = useApp();
  const [date, setDate] = useState(todayInAlmaty());
  const [journal, reload] = useResource<{ items: Visit[] }>(withQuery('/api/v1/hostel/visits', { date }), [date]);
  const action = useAction();
  const end = (id: number | string) => action.run(async () => {
    await api.post(`/api/v1/hostel/visits/${id}/end`, {});
    await reload();
  });
  return (
    <>
      <PageHeader title={t('ui.hostel.door.journal')}>
        <Link href="/hostel/door">{t('ui.hostel.door.title')}</Link>
      </PageHeader>
      <section class="section card">
        <TextField label={t('ui.hostel.door.date')} name="date" type="date" value={date} onValue={setDate} />
        {action.alert}
        {journal.state === 'loading' && <Loading />}
        {journal.state === 'failed' && <Alert>{journal.message}</Alert>}
        {journal.state === 'ready' && journal.data.items.length === 0 && <p class="empty">{t('ui.hostel.door.no_visits')}</p>}
        {journal.state === 'ready' && (
          <ul class="plain-list" data-testid="visits">
            {journal.data.items.map((v) => (
              <li key={String(v.id)}>
                {formatDateTime(v.arrived_at, locale)} · {v.visitor_name} ({t(`ui.hostel.door.relation_${v.relation}`)}, {v.document}) → {v.student_name}
                {v.left_at ? ` · ${t('ui.hostel.door.left_at', { at: formatDateTime(v.left_at, locale) })}` : (
                  <button type="button" class="button button-small button-secondary" onClick={() => void end(v.id)}>
                    {t('ui.hostel.door.visitor_left')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
