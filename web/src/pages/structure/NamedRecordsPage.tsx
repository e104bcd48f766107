// Faculties and shanyraks: records that are just a name, listed and created the same way.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, ErrorList } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formErrors, NO_ERRORS, type FormErrors } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { NamedRecord } from '../../types';
import { StructureFrame } from './StructureFrame';
import { useList } from './structure-api';

interface Kind {
  tab: string;
  endpoint: string;
  titleKey: string;
  helpKey?: string;
  newKey: string;
  emptyKey: string;
  createdKey: string;
}

const FACULTIES: Kind = {
  tab: '/structure/faculties',
  endpoint: '/api/v1/faculties',
  titleKey: 'ui.structure.faculties',
  newKey: 'ui.faculties.new',
  emptyKey: 'ui.faculties.empty',
  createdKey: 'ui.faculties.created',
};

const SHANYRAKS: Kind = {
  tab: '/structure/shanyraks',
  endpoint: '/api/v1/shanyraks',
  titleKey: 'ui.structure.shanyraks',
  helpKey: 'ui.shanyraks.help',
  newKey: 'ui.shanyraks.new',
  emptyKey: 'ui.shanyraks.empty',
  createdKey: 'ui.shanyraks.created',
};

export function FacultiesPage(_props: RouteProps) {
  return <NamedRecordsPage kind={FACULTIES} />;
}

export function ShanyraksPage(_props: RouteProps) {
  return <NamedRecordsPage kind={SHANYRAKS} />;
}

function NamedRecordsPage({ kind }: { kind: Kind }) {
  const { can } = useApp();
  const [records, reload] = useList<NamedRecord>(kind.endpoint);
  const [created, setCreated] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    setCreated(null);
    try {
      const record = await api.post<NamedRecord>(kind.endpoint, { name: name.trim() });
      setName('');
      await reload();
      setCreated(record.name);
    } catch (error) {
      setErrors(formErrors(error, ['name']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <StructureFrame tab={kind.tab} title={t(kind.titleKey)}>
      {kind.helpKey && <p class="muted">{t(kind.helpKey)}</p>}
      {created && <Alert kind="success">{t(kind.createdKey, { name: created })}</Alert>}
      {records.state === 'loading' && <Loading />}
      {records.state === 'failed' && <Alert>{records.message}</Alert>}
      {records.state === 'ready' &&
        (records.data.length === 0 ? (
          <p class="empty">{t(kind.emptyKey)}</p>
        ) : (
          <ul class="plain-list card name-list" data-testid="records-list">
            {records.data.map((record) => (
              <li key={String(record.id)}>{record.name}</li>
            ))}
          </ul>
        ))}
      {can('institution.manage') && (
        <section class="section card" aria-labelledby="new-record-title">
          <h2 id="new-record-title">{t(kind.newKey)}</h2>
          <form class="form form-narrow" noValidate onSubmit={submit} data-testid="create-form">
            <ErrorList messages={errors.general} />
            <TextField label={t('ui.structure.name')} name="name" required autoComplete="off" value={name} onValue={setName} error={errors.fields.name} />
            <button type="submit" class="button" disabled={busy}>
              {busy ? t('ui.common.saving') : t('ui.common.create')}
            </button>
          </form>
        </section>
      )}
    </StructureFrame>
  );
}
