// A body's instructions to the Secretariat (ORG-11): the list with overdue ones flagged and a
// filter, and for the Council's officers and the President the form that issues one.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate, todayInAlmaty } from '../../format';
import { t, type Locale } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useAbilities, useBody, useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { bodyInstructionsPath, overdueFirst, type Instruction, type InstructionList } from './instructions';

type Filter = 'all' | 'open' | 'overdue' | 'done';

export function InstructionsPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [body] = useBody(params.id, locale);
  const [loaded, reload] = useResource<InstructionList>(bodyInstructionsPath(params.id), [locale]);
  const may = useAbilities('body', params.id);
  const [filter, setFilter] = useState<Filter>('all');
  const title = t('ui.instructions.title');
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <PageHeader title={title} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const list = loaded.data;
  const shown = overdueFirst(list.items).filter((x) =>
    filter === 'all' ? true : filter === 'overdue' ? x.overdue : filter === 'open' ? x.status === 'issued' || x.status === 'in_progress' : x.status === 'done');
  const overdueCount = list.items.filter((x) => x.overdue).length;
  return (
    <div data-testid="instructions">
      <PageHeader title={title} subtitle={body.state === 'ready' ? body.data.name : undefined}>
        <Link href={`/bodies/${params.id}`}>{t('ui.instructions.back_to_body')}</Link>
      </PageHeader>
      <p class="muted">
        {t('ui.instructions.intro')} <span class="rule-ref">ORG-11</span>
      </p>
      {overdueCount > 0 && (
        <Alert kind="warning">
          <span data-testid="overdue-count">{t('ui.instructions.overdue_count', { count: overdueCount })}</span>
        </Alert>
      )}
      <div class="filter-bar">
        <SelectField label={t('ui.instructions.filter')} name="filter" value={filter} onValue={(v) => setFilter(v as Filter)}
          options={(['all', 'open', 'overdue', 'done'] as const).map((f) => ({ value: f, label: t(`ui.instructions.filter_${f}`) }))} />
      </div>
      {shown.length === 0 ? (
        <p class="muted" data-testid="instructions-empty">{t('ui.instructions.empty')}</p>
      ) : (
        <ul class="card-list instruction-list">
          {shown.map((x) => (
            <InstructionRow key={x.id} x={x} locale={locale} />
          ))}
        </ul>
      )}
      {may('body.issue_instruction') && <IssueForm bodyId={params.id} list={list} onIssued={reload} />}
    </div>
  );
}

function InstructionRow({ x, locale }: { x: Instruction; locale: Locale }) {
  return (
    <li class={`card instruction${x.overdue ? ' instruction-overdue' : ''}`} data-testid="instruction-row" data-instruction-id={String(x.id)} data-status={x.status} data-overdue={String(x.overdue)}>
      <div class="instruction-head">
        <span class={`badge badge-instruction-${x.status}`}>{t(`ui.instructions.status_${x.status}`)}</span>
        {x.overdue && <span class="badge badge-overdue" data-testid="overdue-flag">{t('ui.instructions.overdue')}</span>}
      </div>
      <Link href={`/instructions/${x.id}`} class="instruction-text">{x.text}</Link>
      <p class="muted instruction-meta">
        {t('ui.instructions.assignee')}: {x.assignee_name} · {t('ui.instructions.deadline')}: {formatDate(x.deadline, locale)}
      </p>
    </li>
  );
}

function IssueForm({ bodyId, list, onIssued }: { bodyId: string; list: InstructionList; onIssued: () => Promise<void> }) {
  const { locale } = useApp();
  const [source, setSource] = useState<'council_decision' | 'president'>(list.decisions.length > 0 ? 'council_decision' : 'president');
  const [item, setItem] = useState(list.decisions[0] ? String(list.decisions[0].agenda_item_id) : '');
  const [text, setText] = useState('');
  const secretariat = list.secretariats[0];
  const [assignee, setAssignee] = useState(secretariat?.members[0] ? String(secretariat.members[0].person_id) : '');
  const [deadline, setDeadline] = useState(todayInAlmaty());
  const action = useAction(['source', 'agenda_item_id', 'text', 'assignee_id', 'deadline', 'secretariat_id']);
  const submit = (ev: Event) => {
    ev.preventDefault();
    void action.run(async () => {
      await api.post<Instruction>(bodyInstructionsPath(bodyId), {
        source,
        agenda_item_id: source === 'council_decision' && item ? Number(item) : undefined,
        secretariat_id: secretariat?.id,
        text,
        assignee_id: assignee ? Number(assignee) : undefined,
        deadline,
      });
      setText('');
      await onIssued();
    });
  };
  return (
    <section class="section card">
      <form class="form" noValidate onSubmit={submit} data-testid="issue-instruction-form">
        <h2>{t('ui.instructions.issue_title')}</h2>
        {action.alert}
        <SelectField label={t('ui.instructions.source')} name="source" value={source} onValue={(v) => setSource(v as typeof source)} error={action.errors.fields.source}
          options={[{ value: 'council_decision', label: t('ui.instructions.source_council_decision') }, { value: 'president', label: t('ui.instructions.source_president') }]} />
        {source === 'council_decision' && (
          <SelectField label={t('ui.instructions.decision')} name="agenda_item_id" value={item} onValue={setItem} error={action.errors.fields.agenda_item_id}
            options={[{ value: '', label: '—' }, ...list.decisions.map((d) => ({ value: String(d.agenda_item_id), label: `№${d.meeting_number}, ${formatDate(d.held_on, locale)}: ${d.title}` }))]} />
        )}
        <TextAreaField label={t('ui.instructions.text')} name="text" value={text} onValue={setText} error={action.errors.fields.text} required />
        <div class="grid-2">
          <SelectField label={t('ui.instructions.assignee')} name="assignee_id" value={assignee} onValue={setAssignee} error={action.errors.fields.assignee_id}
            options={[{ value: '', label: '—' }, ...(secretariat?.members ?? []).map((m) => ({ value: String(m.person_id), label: m.full_name }))]} />
          <TextField label={t('ui.instructions.deadline')} name="deadline" type="date" value={deadline} onValue={setDeadline} error={action.errors.fields.deadline} required />
        </div>
        {secretariat && <p class="muted">{t('ui.instructions.binds', { secretariat: secretariat.name })}</p>}
        <div class="form-actions">
          <button type="submit" class="button" disabled={action.busy} data-testid="issue-instruction">{t('ui.instructions.issue')}</button>
        </div>
      </form>
    </section>
  );
}
