// The attendance module's start page: the groups whose journal the user keeps (a curator their
// own, staff who mark every group), the coordinator's and the administration's pages, and for a
// student or a parent the way to their own or their child's attendance.
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { fetchMe } from '../../auth';
import { Alert } from '../../components/Alert';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { problemMessage } from '../../errors';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import type { Me } from '../../types';

interface GroupRow {
  id: number | string;
  name: string;
  curator_person_id: number | string | null;
  student_count: number;
}

export function AttendancePage(_props: RouteProps) {
  const { user, can, locale } = useApp();
  const [groups, setGroups] = useState<GroupRow[] | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keepsJournal = can('attendance.journal');
  const marksAll = can('attendance.mark');

  useEffect(() => {
    let live = true;
    if (keepsJournal) {
      api
        .get<{ items: GroupRow[] }>('/api/v1/groups?limit=2000')
        .then((data) => live && setGroups(data.items))
        .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    }
    fetchMe()
      .then((data) => live && setMe(data))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [keepsJournal, locale]);

  const mine = (groups ?? []).filter((g) => marksAll || String(g.curator_person_id) === String(user?.person_id));
  return (
    <>
      <PageHeader title={t('ui.attendance.title')} />
      {error && <Alert>{error}</Alert>}
      {(can('attendance.manage') || can('attendance.settings')) && (
        <nav class="section card" aria-label={t('ui.attendance.pages')}>
          <ul class="plain-list attendance-links">
            {can('attendance.manage') && (
              <li>
                <Link href="/attendance/justifications">{t('ui.attendance.justifications')}</Link>
              </li>
            )}
            {can('attendance.manage') && (
              <li>
                <Link href="/attendance/report">{t('ui.attendance.report')}</Link>
              </li>
            )}
            {can('attendance.settings') && (
              <li>
                <Link href="/attendance/settings">{t('ui.attendance.settings')}</Link>
              </li>
            )}
          </ul>
        </nav>
      )}
      {keepsJournal && (
        <section class="section card" aria-labelledby="attendance-groups">
          <h2 id="attendance-groups">{t(marksAll ? 'ui.attendance.groups' : 'ui.attendance.my_groups')}</h2>
          {groups === null && !error && <Loading />}
          {groups !== null && mine.length === 0 && <p class="muted">{t('ui.attendance.no_groups')}</p>}
          <ul class="plain-list attendance-links" data-testid="attendance-groups">
            {mine.map((g) => (
              <li key={String(g.id)}>
                <Link href={`/attendance/groups/${g.id}`}>{g.name}</Link>
                <span class="muted"> · {t('ui.attendance.students_count', { count: g.student_count })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {user?.person_id != null && user.roles.includes('student') && (
        <p>
          <Link href={`/attendance/students/${user.person_id}`}>{t('ui.attendance.my_attendance')}</Link>
        </p>
      )}
      {me && me.children.length > 0 && (
        <section class="section card" aria-labelledby="attendance-children">
          <h2 id="attendance-children">{t('ui.attendance.children')}</h2>
          <ul class="plain-list attendance-links">
            {me.children.map((child) => (
              <li key={String(child.id)}>
                <Link href={`/attendance/students/${child.id}`} data-testid="attendance-child">
                  {child.full_name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
