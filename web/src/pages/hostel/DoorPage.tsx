// The duty officer's door screen, phone-first (360 px): find a resident by name, see whether they
// are in or out and today's approved leaves, record a departure or a return with who accompanies
// (HST-LV-1), record a visit (HST-VIS-1); an evicted person is refused with a clear message (HST-EV-2).
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort, withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useAction } from '../elections/parts';
import { VISITOR_RELATIONS, type DoorLine, type Leave } from './residence';

interface DoorAnswer {
  items: DoorLine[];
  visiting_hours: boolean;
}

function LeaveStep({ leave, onDone }: { leave: Leave; onDone: (message: string) => void }) {
  const departure = leave.state === 'applied';
  const [who, setWho] = useState(departure ? leave.accompanying_name : '');
  const action = useAction(['accompanied_by']);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.post(`/api/v1/hostel/leaves/${leave.id}/${departure ? 'depart' : 'return'}`, { accompanied_by: who });
      onDone(t(departure ? 'ui.hostel.door.departed' : 'ui.hostel.door.returned'));
    });
  };
  return (
    <form class="form" noValidate onSubmit={submit} data-testid={`leave-${leave.id}`}>
      <p>
        {t('ui.hostel.door.leave_line', { from: leave.leave_on, to: leave.return_on, name: leave.accompanying_name, document: leave.accompanying_document })}
      </p>
      {action.alert}
      <TextField label={t('ui.hostel.door.accompanied_by')} name="accompanied_by" value={who} onValue={setWho} error={action.errors.fields.accompanied_by} required />
      <div class="form-actions">
        <button type="submit" class="button button-wide" disabled={action.busy} data-testid={departure ? 'depart' : 'return'}>
          {t(departure ? 'ui.hostel.door.record_departure' : 'ui.hostel.door.record_return')}
        </button>
      </div>
    </form>
  );
}

function VisitForm({ line, onDone }: { line: DoorLine; onDone: (message: string) => void }) {
  const [name, setName] = useState('');
  const [relation, setRelation] = useState('mother');
  const [document, setDocument] = useState('');
  const action = useAction(['visitor_name', 'relation', 'document']);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await api.post('/api/v1/hostel/visits', { resident_id: line.resident_id, visitor_name: name, relation, document });
      setName('');
      setDocument('');
      onDone(t('ui.hostel.door.visit_recorded'));
    });
  };
  return (
    <form class="form" noValidate onSubmit={submit} data-testid="visit-form">
      <h3>{t('ui.hostel.door.visit')}</h3>
      {action.alert}
      <TextField label={t('ui.hostel.door.visitor_name')} name="visitor_name" value={name} onValue={setName} error={action.errors.fields.visitor_name} required />
      <SelectField label={t('ui.hostel.door.relation')} name="relation" value={relation} onValue={setRelation} error={action.errors.fields.relation}
        options={VISITOR_RELATIONS.map((r) => ({ value: r, label: t(`ui.hostel.door.relation_${r}`) }))} />
      <TextField label={t('ui.hostel.door.document')} name="document" value={document} onValue={setDocument} error={action.errors.fields.document} required />
      <div class="form-actions">
        <button type="submit" class="button button-wide" disabled={action.busy} data-testid="record-visit">
          {t('ui.hostel.door.record_visit')}
        </button>
      </div>
    </form>
  );
}

export function DoorPage(_props: RouteProps) {
  const { user } = useApp();
  const [q, setQ] = useState('');
  const [answer, setAnswer] = useState<DoorAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    api
      .get<DoorAnswer>(withQuery('/api/v1/hostel/door', { q }), { signal: controller.signal })
      .then((a) => {
        setAnswer(a);
        setError(null);
      })
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));
    return () => controller.abort();
  }, [q, round]);
  const done = (message: string) => {
    setNotice(message);
    setRound(round + 1);
  };
  return (
    <div class="hostel-door">
      <PageHeader title={t('ui.hostel.door.title')} subtitle={user?.institution?.name}>
        <Link href="/hostel/visits">{t('ui.hostel.door.journal')}</Link>
      </PageHeader>
      <section class="section card">
        <TextField label={t('ui.hostel.door.search')} name="q" type="search" value={q} onValue={setQ} hint={t('ui.hostel.door.search_hint')} />
        {answer && (
          <p class="muted" data-testid="visiting-hours">
            {t(answer.visiting_hours ? 'ui.hostel.door.visits_open' : 'ui.hostel.door.visits_closed')}
          </p>
        )}
      </section>
      {notice && <Alert kind="success">{notice}</Alert>}
      {error && <Alert>{error}</Alert>}
      {answer && answer.items.length === 0 && <p class="empty">{t('ui.hostel.door.nobody')}</p>}
      {answer?.items.map((line) => (
        <section class="section card door-line" key={String(line.resident_id)} data-testid="door-line" data-resident-id={String(line.resident_id)}>
          <h2>{line.name}</h2>
          <p class="muted">{line.place}</p>
          {line.evicted ? (
            <Alert kind="error">
              <strong data-testid="door-evicted">{t('ui.hostel.door.evicted')}</strong> <span class="rule-ref">HST-EV-2</span>
            </Alert>
          ) : (
            <>
              <p>
                <span class={`badge ${line.is_out ? 'badge-lapsed' : 'badge-studying'}`} data-testid="door-state">
                  {t(line.is_out ? 'ui.hostel.door.out' : 'ui.hostel.door.in')}
                </span>
              </p>
              {line.leaves.length === 0 && <p class="muted">{t('ui.hostel.door.no_leave_today')}</p>}
              {line.leaves.map((leave) => (
                <LeaveStep key={String(leave.id)} leave={leave} onDone={done} />
              ))}
              {!line.is_out && answer.visiting_hours && <VisitForm line={line} onDone={done} />}
            </>
          )}
        </section>
      ))}
    </div>
  );
}
