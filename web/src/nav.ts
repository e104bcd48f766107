// The module navigation and the permission each entry (and its routes) requires.

export interface NavItem {
  path: string;
  labelKey: string;
  permission: string;
  /** Other path prefixes that belong to the entry, e.g. a body's sessions under /meetings. */
  also?: readonly string[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/people', labelKey: 'ui.nav.people', permission: 'people.read' },
  { path: '/structure', labelKey: 'ui.nav.structure', permission: 'institution.read' },
  { path: '/bodies', labelKey: 'ui.nav.bodies', permission: 'bodies.read', also: ['/meetings'] },
  { path: '/events', labelKey: 'ui.nav.events', permission: 'bodies.read' },
  { path: '/org-chart', labelKey: 'ui.nav.org_chart', permission: 'bodies.read' },
  { path: '/discipline', labelKey: 'ui.nav.discipline', permission: 'discipline.record' },
  { path: '/elections', labelKey: 'ui.nav.elections', permission: 'elections.read' },
  { path: '/hostel', labelKey: 'ui.nav.hostel', permission: 'hostel.read' },
  { path: '/attendance', labelKey: 'ui.nav.attendance', permission: 'attendance.read' },
  { path: '/awards', labelKey: 'ui.nav.awards', permission: 'awards.nominate' },
  { path: '/hostel/residents', labelKey: 'ui.nav.hostel_residents', permission: 'hostel.manage', also: ['/hostel/violations', '/hostel/evictions', '/hostel/door', '/hostel/visits'] },
  // Written statements, the ombudsman and reception (APL-1..4): filed by students and representatives, handled by the administration.
  { path: '/statements/register', labelKey: 'ui.nav.statements_register', permission: 'statements.manage' },
  { path: '/statements', labelKey: 'ui.nav.statements', permission: 'statements.file', also: ['/ombudsman', '/reception'] },
  { path: '/import', labelKey: 'ui.nav.import', permission: 'people.import' },
  { path: '/users', labelKey: 'ui.nav.users', permission: 'users.manage' },
  { path: '/audit', labelKey: 'ui.nav.audit', permission: 'audit.read' },
  { path: '/institutions', labelKey: 'ui.nav.institutions', permission: 'institutions.manage' },
];

export function visibleNavItems(permissions: readonly string[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission));
}

/** The entry that owns a path, for aria-current: /people/42/edit belongs to /people. */
export function activeNavPath(path: string): string | null {
  const within = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
  const item = NAV_ITEMS.find((entry) => within(entry.path) || (entry.also ?? []).some((prefix) => path.startsWith(`${prefix}/`)));
  return item?.path ?? null;
}
