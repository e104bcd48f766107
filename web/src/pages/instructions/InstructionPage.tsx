// One instruction to the Secretariat (ORG-11): what, from whom, to whom, by when; its status with
// the history of changes; the Secretariat moves it on (in progress, done), the issuer may cancel it.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { TextAreaField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useAbilities, useResource } from '../bodies/bodies-api';
import { useAction } from '../elections/parts';
import { instructionPath, isOpen, nextStep, type Instruction } from './instructions';

export function InstructionPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [loaded, , replace] = useResource<Instruction>(instructionPath(params.id), [locale]);
  const may = useAbilities('instruction', params.id);
  const [note, setNote] = useState('');
  const action = useAction(['status', 'note']);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed')
    return (
      <>
        <PageHeader title={t('ui.instructions.one')} />
        <Alert>{loaded.message}</Alert>
      </>
    );
  const x = loaded.data;
  const step = nextStep(x.status);
  const move = (path: string, body: object) =>
    void action.run(async () => {
      replace(await api.post<Instruction>(`${instructionPath(x.id)}/${path}`, body));
      setNote('');
    });
  return (
    <div data-testid="instruction" data-instruction-id={String(x.id)} data-status={x.status} data-overdue={String(x.overdue)}>
      <PageHeader title={t('ui.instructions.one')} subtitle={x.body_name}>
        <Link href={`/bodies/${x.body_id}/instructions`}>{t('ui.instructions.title')}</Link>
      </PageHeader>
      {action.alert}
      {x.overdue && (
        <Alert kind="warning">
          <span data-testid="overdue-flag">{t('ui.instructions.overdue_since', { date: formatDate(x.deadline, locale) })}</span>
        </Alert>
      )}
      <section class="section card">
        <p class="pre-line instruction-body" data-testid="instruction-text">{x.text}</p>
        <dl class="facts facts-pairs">
          <dt>{t('ui.instructions.status')}</dt>
          <dd>
            <span class={`badge badge-instruction-${x.status}`} data-testid="instruction-status">{t(`ui.instructions.status_${x.status}`)}</span>
          </dd>
          <dt>{t('ui.instructions.source')}</dt>
          <dd>
            {x.source === 'council_decision' ? `${t('ui.instructions.source_council_decision')}: ${x.agenda_item_title ?? ''}` : t('ui.instructions.source_president')}
            {x.issued_by_name && ` · ${x.issued_by_name}`}
          </dd>
          <dt>{t('ui.instructions.secretariat')}</dt>
          <dd>{x.secretariat_name}</dd>
          <dt>{t('ui.instructions.assignee')}</dt>
          <dd>{x.assignee_name}</dd>
          <dt>{t('ui.instructions.deadline')}</dt>
          <dd>{formatDate(x.deadline, locale)}</dd>
        </dl>
        <p class="muted">
          <span class="rule-ref">ORG-11</span>
        </p>
      </section>
      {isOpen(x.status) && (may('instruction.update') || may('instruction.cancel')) && (
        <section class="section card" data-testid="instruction-actions">
          <h2>{t('ui.instructions.change')}</h2>
          <TextAreaField label={t('ui.instructions.note')} name="note" value={note} onValue={setNote} error={action.errors.fields.note} rows={2} />
          <div class="form-actions">
            {step && may('instruction.update') && (
              <button type="button" class="button" disabled={action.busy} data-testid={`instruction-${step}`} onClick={() => move('status', { status: step, note })}>
                {t(`ui.instructions.to_${step}`)}
              </button>
            )}
            {may('instruction.cancel') && (
              <button type="button" class="button button-secondary" disabled={action.busy} data-testid="instruction-cancel" onClick={() => move('cancel', { note })}>
                {t('ui.instructions.cancel')}
              </button>
            )}
          </div>
        </section>
      )}
      <section class="section card" data-testid="instruction-history">
        <h2>{t('ui.instructions.history')}</h2>
        <ol class="timeline">
          {(x.history ?? []).map((h, i) => (
            <li key={i} data-status={h.status}>
              <strong>{t(`ui.instructions.status_${h.status}`)}</strong> · {formatDateTime(new Date(h.at).toISOString(), locale)}
              {h.person_name && ` · ${h.person_name}`}
              {h.note && <p class="pre-line">{h.note}</p>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
