// The institution's self-government bodies as a tree (ORG-1, ORG-2) with their composition
// problems (ORG-9) and the overdue flag (MTG-1); managers create a body from a template.
import { useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList, RuleRef } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, ruleOf, type FormErrors } from '../../errors';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { navigate } from '../../router';
import type { RouteProps } from '../../routes';
import { templateName, templateOf, useList, type Loaded } from './bodies-api';
import type { BodySummary, BodyTemplate } from './bodies-types';
import { buildBodyTree, flattenTree, idNumber, type BodyNode } from './bodies';

export function BodiesPage(_props: RouteProps) {
  const { can, locale } = useApp();
  const [bodies] = useList<BodySummary>('/api/v1/bodies', [locale]);
  const [templates] = useList<BodyTemplate>('/api/v1/body-templates', [locale]);
  const tree = bodies.state === 'ready' ? buildBodyTree(bodies.data) : [];

  return (
    <>
      <PageHeader title={t('ui.bodies.title')} subtitle={t('ui.bodies.subtitle')} />
      {bodies.state === 'loading' && <Loading />}
      {bodies.state === 'failed' && <Alert>{bodies.message}</Alert>}
      {bodies.state === 'ready' &&
        (tree.length === 0 ? (
          <p class="empty">{t('ui.bodies.empty')}</p>
        ) : (
          <ul class="body-tree" aria-label={t('ui.bodies.tree_label')} data-testid="bodies-tree">
            {tree.map((node) => (
              <BodyBranch key={String(node.body.id)} node={node} />
            ))}
          </ul>
        ))}
      {can('bodies.manage') && <CreateBodyForm templates={templates} tree={tree} />}
    </>
  );
}

function BodyBranch({ node }: { node: BodyNode }) {
  const { locale } = useApp();
  const { body } = node;
  return (
    <li class="body-branch" data-body-id={String(body.id)} data-body-name={body.name}>
      <div class="body-card">
        <div class="body-card-head">
          <Link href={`/bodies/${encodeURIComponent(String(body.id))}`} class="body-name">
            {body.name}
          </Link>
          <span class="muted body-template">{templateName(body.template)}</span>
        </div>
        <p class="body-counts">
          <span data-testid="member-count">{t('ui.bodies.member_count', { count: body.member_count })}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="voting-count">{t('ui.bodies.voting_count', { count: body.voting_members })}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="last-session">{body.last_session ? t('ui.bodies.last_session', { date: formatDate(body.last_session, locale) }) : t('ui.bodies.no_session')}</span>
          {body.next_session && (
            <>
              <span aria-hidden="true"> · </span>
              <span data-testid="next-session">{t('ui.bodies.next_session', { date: formatDate(body.next_session.held_on, locale), time: body.next_session.starts_at })}</span>
            </>
          )}
        </p>
        {(body.overdue || body.composition_problems.length > 0) && (
          <ul class="body-flags">
            {body.overdue && (
              <li class="flag flag-warning" data-testid="overdue">
                {t('ui.bodies.overdue')} <RuleRef rule="MTG-1" />
              </li>
            )}
            {body.composition_problems.map((problem) => (
              <li key={problem.code} class="flag flag-danger" data-testid="composition-problem" data-code={problem.code}>
                {problem.message} <RuleRef rule={problem.rule} />
              </li>
            ))}
          </ul>
        )}
      </div>
      {node.children.length > 0 && (
        <ul class="body-tree body-subtree" aria-label={t('ui.bodies.children_of', { name: body.name })}>
          {node.children.map((child) => (
            <BodyBranch key={String(child.body.id)} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

const CREATE_FIELDS = ['template', 'name', 'parent_id'] as const;

function CreateBodyForm({ templates, tree }: { templates: Loaded<BodyTemplate[]>; tree: BodyNode[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [template, setTemplate] = useState('');
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [rule, setRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = templateOf(templates, template);

  const submit = async (event: Event) => {
    event.preventDefault();
    setRule(null);
    if (!template) {
      setErrors({ fields: { template: t('ui.bodies.choose_template') }, general: [] });
      window.setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    const body: Record<string, unknown> = { template };
    if (name.trim()) body.name = name.trim();
    if (parent) body.parent_id = idNumber(parent);
    try {
      const created = await api.post<BodySummary>('/api/v1/bodies', body);
      navigate(`/bodies/${encodeURIComponent(String(created.id))}?created=1`);
    } catch (error) {
      setErrors(formErrors(error, CREATE_FIELDS));
      setRule(ruleOf(error));
      window.setTimeout(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
    } finally {
      setBusy(false);
    }
  };

  const templateOptions = templates.state === 'ready' ? templates.data.map((item) => ({ value: item.id, label: templateName(item.id, item.name) })) : [];
  const parentOptions = flattenTree(tree).map((node) => ({ value: String(node.body.id), label: `${'— '.repeat(node.depth)}${node.body.name}` }));
  const nested = chosen?.children ?? [];

  return (
    <section class="section card" aria-labelledby="new-body-title">
      <h2 id="new-body-title">{t('ui.bodies.create_title')}</h2>
      {templates.state === 'failed' && <Alert>{templates.message}</Alert>}
      <form ref={form} class="form" noValidate onSubmit={submit} data-testid="create-body">
        <ErrorList messages={errors.general} rule={rule} />
        <div class="grid-3">
          <SelectField
            label={t('ui.bodies.template')}
            name="template"
            required
            value={template}
            onValue={setTemplate}
            error={errors.fields.template}
            hint={nested.length > 0 ? t('ui.bodies.template_children', { list: nested.map((child) => child.name).join(', ') }) : undefined}
            options={[{ value: '', label: t('ui.common.choose') }, ...templateOptions]}
          />
          <TextField
            label={t('ui.bodies.name')}
            name="name"
            autoComplete="off"
            maxLength={200}
            value={name}
            onValue={setName}
            error={errors.fields.name}
            hint={t('ui.bodies.name_hint')}
            placeholder={chosen ? templateName(chosen.id, chosen.name) : undefined}
          />
          <SelectField
            label={t('ui.bodies.parent')}
            name="parent_id"
            value={parent}
            onValue={setParent}
            error={errors.fields.parent_id}
            options={[{ value: '', label: t('ui.bodies.no_parent') }, ...parentOptions]}
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('ui.common.saving') : t('ui.bodies.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
