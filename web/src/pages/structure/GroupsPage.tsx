import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { Group, NamedRecord } from '../../types';
import { StructureFrame } from './StructureFrame';
import { groupPeopleHref, levelText } from './structure';
import { useList, useStaffNames } from './structure-api';

export function GroupsPage({ search }: RouteProps) {
  const { can } = useApp();
  const [groups] = useList<Group>('/api/v1/groups');
  const [faculties] = useList<NamedRecord>('/api/v1/faculties');
  const staffNames = useStaffNames(can('people.read'));
  const facultyNames = new Map(faculties.state === 'ready' ? faculties.data.map((f) => [String(f.id), f.name]) : []);
  const notice = new URLSearchParams(search).get('saved');
  const manage = can('institution.manage');

  return (
    <StructureFrame
      tab="/structure/groups"
      title={t('ui.structure.groups')}
      actions={
        manage && (
          <Link href="/structure/groups/new" class="button" data-testid="new-group">
            {t('ui.groups.new')}
          </Link>
        )
      }
    >
      {notice && <Alert kind="success">{t(notice === 'created' ? 'ui.groups.created' : 'ui.common.saved')}</Alert>}
      {groups.state === 'loading' && <Loading />}
      {groups.state === 'failed' && <Alert>{groups.message}</Alert>}
      {groups.state === 'ready' &&
        (groups.data.length === 0 ? (
          <p class="empty">{t('ui.groups.empty')}</p>
        ) : (
          <table class="table responsive-table" data-testid="groups-table">
            <thead>
              <tr>
                <th scope="col">{t('ui.structure.name')}</th>
                <th scope="col">{t('ui.groups.faculty')}</th>
                <th scope="col">{t('ui.groups.level')}</th>
                <th scope="col">{t('ui.groups.curator')}</th>
                <th scope="col">{t('ui.groups.students')}</th>
                {manage && (
                  <th scope="col">
                    <span class="visually-hidden">{t('ui.common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {groups.data.map((group) => {
                const curatorId = group.curator_person_id == null ? null : String(group.curator_person_id);
                return (
                  <tr key={String(group.id)} data-group={group.name}>
                    <th scope="row" data-label={t('ui.structure.name')}>
                      <Link href={groupPeopleHref(group)}>{group.name}</Link>
                    </th>
                    <td data-label={t('ui.groups.faculty')}>{group.faculty_id == null ? '—' : facultyNames.get(String(group.faculty_id)) ?? '…'}</td>
                    <td data-label={t('ui.groups.level')}>{levelText(group) || '—'}</td>
                    <td data-label={t('ui.groups.curator')} data-testid="group-curator">
                      {curatorId === null ? (
                        '—'
                      ) : can('people.read') ? (
                        <Link href={`/people/${encodeURIComponent(curatorId)}`}>{staffNames ? staffNames.get(curatorId) ?? t('ui.groups.person_ref', { id: curatorId }) : '…'}</Link>
                      ) : (
                        t('ui.groups.person_ref', { id: curatorId })
                      )}
                    </td>
                    <td data-label={t('ui.groups.students')} data-testid="group-students">
                      <Link href={groupPeopleHref(group)}>
                        {t('ui.groups.student_count', { count: group.student_count ?? 0 })}
                        <span class="visually-hidden"> · {group.name}</span>
                      </Link>
                    </td>
                    {manage && (
                      <td>
                        <Link href={`/structure/groups/${encodeURIComponent(String(group.id))}`} class="button button-secondary button-small">
                          {t('ui.common.edit')}
                          <span class="visually-hidden"> {group.name}</span>
                        </Link>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
    </StructureFrame>
  );
}
