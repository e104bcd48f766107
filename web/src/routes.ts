// Every client-side route, the permission it needs (none = any signed-in user) and whether it
// is reachable without a session.
import { ChildPage } from './pages/home/ChildPage';
import type { FunctionComponent } from 'preact';
import { lazyPage } from './components/LazyPage';
import { EventPage, EventsPage } from './pages/activities/EventsPage';
import { ActivatePage } from './pages/activate/ActivatePage';
import { ForgotPage } from './pages/activate/ForgotPage';
import { ResetPage } from './pages/activate/ResetPage';
import { CodeVotePage } from './pages/elections/CodeVotePage';
import { ElectionPage } from './pages/elections/ElectionPage';
import { ElectionsPage } from './pages/elections/ElectionsPage';
import { KeysPage } from './pages/elections/KeysPage';
import { PublicElectionPage } from './pages/elections/PublicElectionPage';
import { StationPage } from './pages/elections/StationPage';
import { VotePage } from './pages/elections/VotePage';
import { AttendancePage } from './pages/attendance/AttendancePage';
import { JournalPage } from './pages/attendance/JournalPage';
import { JustificationsPage } from './pages/attendance/JustificationsPage';
import { ReportPage } from './pages/attendance/ReportPage';
import { SettingsPage as AttendanceSettingsPage } from './pages/attendance/SettingsPage';
import { StudentAttendancePage } from './pages/attendance/StudentAttendancePage';
import { UnsignedPage } from './pages/attendance/UnsignedPage';
import { AuditPage } from './pages/audit/AuditPage';
import { BodiesPage } from './pages/bodies/BodiesPage';
import { BodyPage } from './pages/bodies/BodyPage';
import { MeetingPage } from './pages/bodies/MeetingPage';
import { HomePage } from './pages/home/HomePage';
import { ImportPage } from './pages/import/ImportPage';
import { InstitutionsPage } from './pages/institutions/InstitutionsPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';
import { OrgChartPage } from './pages/orgchart/OrgChartPage';
import { LoginPage } from './pages/login/LoginPage';
import { PublicPage } from './pages/public/PublicPage';
import { PersonCreatePage, PersonEditPage } from './pages/people/PersonEditPage';
import { PeopleListPage } from './pages/people/PeopleListPage';
import { PersonPage } from './pages/people/PersonPage';
import { AcademicYearsPage } from './pages/structure/AcademicYearsPage';
import { GroupCreatePage, GroupEditPage } from './pages/structure/GroupFormPage';
import { GroupsPage } from './pages/structure/GroupsPage';
import { InstitutionSettingsPage } from './pages/structure/InstitutionSettingsPage';
import { FacultiesPage, ShanyraksPage } from './pages/structure/NamedRecordsPage';
import { UserCreatePage } from './pages/users/UserCreatePage';
import { UserPage } from './pages/users/UserPage';
import { UsersPage } from './pages/users/UsersPage';
import { VerifyPage } from './pages/verify/VerifyPage';
import { CasePage } from './pages/discipline/CasePage';
import { DisciplinePage } from './pages/discipline/DisciplinePage';
import { OrderPage } from './pages/discipline/OrderPage';

// Pages of modules few visitors open (instructions, rewards, the hostel, statements) are chunks
// fetched on the first visit (components/LazyPage).
const InstructionPage = lazyPage(() => import('./pages/instructions/InstructionPage').then((m) => m.InstructionPage));
const InstructionsPage = lazyPage(() => import('./pages/instructions/InstructionsPage').then((m) => m.InstructionsPage));
const AwardPage = lazyPage(() => import('./pages/awards/AwardPage').then((m) => m.AwardPage));
const AwardsPage = lazyPage(() => import('./pages/awards/AwardsPage').then((m) => m.AwardsPage));
const NominatePage = lazyPage(() => import('./pages/awards/NominatePage').then((m) => m.NominatePage));
const PublicAwardsPage = lazyPage(() => import('./pages/awards/PublicAwardsPage').then((m) => m.PublicAwardsPage));
const AwardSessionPage = lazyPage(() => import('./pages/awards/SessionPage').then((m) => m.SessionPage));
const ShanyrakMembersPage = lazyPage(() => import('./pages/awards/ShanyrakMembersPage').then((m) => m.ShanyrakMembersPage));
const HostelApplicationPage = lazyPage(() => import('./pages/hostel/ApplicationPage').then((m) => m.ApplicationPage));
const HostelApplyPage = lazyPage(() => import('./pages/hostel/ApplyPage').then((m) => m.ApplyPage));
const HostelCampaignPage = lazyPage(() => import('./pages/hostel/CampaignPage').then((m) => m.CampaignPage));
const HostelDecisionPage = lazyPage(() => import('./pages/hostel/DecisionPage').then((m) => m.DecisionPage));
const HostelPage = lazyPage(() => import('./pages/hostel/HostelPage').then((m) => m.HostelPage));
const HostelStockPage = lazyPage(() => import('./pages/hostel/StockPage').then((m) => m.StockPage));
const HostelOrderPage = lazyPage(() => import('./pages/hostel/HostelOrderPage').then((m) => m.HostelOrderPage));
const DoorPage = lazyPage(() => import('./pages/hostel/DoorPage').then((m) => m.DoorPage));
const EvictionPage = lazyPage(() => import('./pages/hostel/EvictionPage').then((m) => m.EvictionPage));
const MyHostelPage = lazyPage(() => import('./pages/hostel/MyHostelPage').then((m) => m.MyHostelPage));
const ResidentPage = lazyPage(() => import('./pages/hostel/ResidentPage').then((m) => m.ResidentPage));
const ResidentsPage = lazyPage(() => import('./pages/hostel/ResidentsPage').then((m) => m.ResidentsPage));
const ViolationPage = lazyPage(() => import('./pages/hostel/ViolationPage').then((m) => m.ViolationPage));
const VisitsPage = lazyPage(() => import('./pages/hostel/VisitsPage').then((m) => m.VisitsPage));
const statements = () => import('./pages/statements/StatementsPages');
const ComplaintPage = lazyPage(() => statements().then((m) => m.ComplaintPage));
const MyStatementsPage = lazyPage(() => statements().then((m) => m.MyStatementsPage));
const OmbudsmanPage = lazyPage(() => statements().then((m) => m.OmbudsmanPage));
const ReceptionPage = lazyPage(() => statements().then((m) => m.ReceptionPage));
const StatementPage = lazyPage(() => statements().then((m) => m.StatementPage));
const StatementRegisterPage = lazyPage(() => statements().then((m) => m.StatementRegisterPage));

export interface RouteProps {
  params: Record<string, string>;
  search: string;
}

export interface Route {
  pattern: string;
  component: FunctionComponent<RouteProps>;
  permission?: string;
  public?: boolean;
}

// More specific patterns first: /people/new must win over /people/:id.
export const ROUTES: readonly Route[] = [
  { pattern: '/login', component: LoginPage, public: true },
  { pattern: '/activate', component: ActivatePage, public: true },
  { pattern: '/forgot', component: ForgotPage, public: true },
  { pattern: '/reset', component: ResetPage, public: true },
  { pattern: '/verify/:code', component: VerifyPage, public: true },
  { pattern: '/public/:institutionId', component: PublicPage, public: true },
  { pattern: '/public/:institutionId/elections/:id', component: PublicElectionPage, public: true },
  { pattern: '/public/:institutionId/awards', component: PublicAwardsPage, public: true },
  { pattern: '/public/:institutionId/elections/:id/vote', component: CodeVotePage, public: true },
  { pattern: '/', component: HomePage },
  { pattern: '/notifications', component: NotificationsPage },
  { pattern: '/children/:id', component: ChildPage },
  { pattern: '/people', component: PeopleListPage, permission: 'people.read' },
  { pattern: '/people/new', component: PersonCreatePage, permission: 'people.write' },
  { pattern: '/people/:id', component: PersonPage, permission: 'people.read' },
  { pattern: '/people/:id/edit', component: PersonEditPage, permission: 'people.write' },
  { pattern: '/structure', component: InstitutionSettingsPage, permission: 'institution.read' },
  { pattern: '/structure/years', component: AcademicYearsPage, permission: 'institution.read' },
  { pattern: '/structure/faculties', component: FacultiesPage, permission: 'institution.read' },
  { pattern: '/structure/groups', component: GroupsPage, permission: 'institution.read' },
  { pattern: '/structure/groups/new', component: GroupCreatePage, permission: 'institution.manage' },
  { pattern: '/structure/groups/:id', component: GroupEditPage, permission: 'institution.manage' },
  { pattern: '/structure/shanyraks', component: ShanyraksPage, permission: 'institution.read' },
  { pattern: '/bodies', component: BodiesPage, permission: 'bodies.read' },
  { pattern: '/bodies/:id', component: BodyPage, permission: 'bodies.read' },
  { pattern: '/bodies/:id/instructions', component: InstructionsPage, permission: 'bodies.read' },
  { pattern: '/instructions/:id', component: InstructionPage, permission: 'bodies.read' },
  { pattern: '/meetings/:id', component: MeetingPage, permission: 'bodies.read' },
  { pattern: '/org-chart', component: OrgChartPage, permission: 'bodies.read' },
  { pattern: '/events', component: EventsPage, permission: 'bodies.read' },
  { pattern: '/events/:id', component: EventPage, permission: 'bodies.read' },
  { pattern: '/discipline', component: DisciplinePage, permission: 'discipline.record' },
  // A case and its orders are read by the student and the parents too: the server's policy decides.
  { pattern: '/discipline/cases/:id', component: CasePage },
  { pattern: '/discipline/orders/:id', component: OrderPage },
  { pattern: '/hostel', component: HostelPage, permission: 'hostel.read' },
  { pattern: '/hostel/stock', component: HostelStockPage, permission: 'hostel.manage' },
  { pattern: '/hostel/apply/:studentId', component: HostelApplyPage, permission: 'hostel.apply' },
  // Campaigns, applications and decisions are read by the family or the commission: the server's policy decides.
  { pattern: '/hostel/campaigns/:id', component: HostelCampaignPage, permission: 'hostel.read' },
  { pattern: '/hostel/applications/:id', component: HostelApplicationPage, permission: 'hostel.read' },
  { pattern: '/hostel/decisions/:id', component: HostelDecisionPage, permission: 'hostel.read' },
  // Hostel orders: the policy decides (the family, the head, the commission for its allocation).
  { pattern: '/hostel/orders/:id', component: HostelOrderPage },
  { pattern: '/hostel/residents', component: ResidentsPage, permission: 'hostel.manage' },
  { pattern: '/hostel/residents/:id', component: ResidentPage, permission: 'hostel.read' },
  { pattern: '/hostel/violations/:id', component: ViolationPage, permission: 'hostel.read' },
  { pattern: '/hostel/evictions/:id', component: EvictionPage, permission: 'hostel.read' },
  { pattern: '/hostel/door', component: DoorPage, permission: 'hostel.door' },
  { pattern: '/hostel/visits', component: VisitsPage, permission: 'hostel.door' },
  { pattern: '/hostel/my', component: MyHostelPage, permission: 'hostel.read' },
  { pattern: '/awards', component: AwardsPage, permission: 'awards.nominate' },
  { pattern: '/awards/nominate', component: NominatePage, permission: 'awards.nominate' },
  { pattern: '/awards/shanyraks', component: ShanyrakMembersPage, permission: 'awards.manage' },
  // The commission's sessions and an award: the server's policy decides (members; the student, the family).
  { pattern: '/awards/sessions/:id', component: AwardSessionPage, permission: 'awards.read' },
  { pattern: '/awards/:id', component: AwardPage, permission: 'awards.read' },
  { pattern: '/statements', component: MyStatementsPage },
  { pattern: '/statements/register', component: StatementRegisterPage, permission: 'statements.manage' },
  { pattern: '/statements/:id', component: StatementPage },
  { pattern: '/ombudsman', component: OmbudsmanPage },
  { pattern: '/ombudsman/:id', component: ComplaintPage },
  { pattern: '/reception', component: ReceptionPage },
  { pattern: '/elections', component: ElectionsPage, permission: 'elections.read' },
  { pattern: '/elections/:id', component: ElectionPage, permission: 'elections.read' },
  { pattern: '/elections/:id/vote', component: VotePage },
  { pattern: '/elections/:id/keys', component: KeysPage, permission: 'elections.run' },
  { pattern: '/elections/:id/stations/:stationId', component: StationPage, permission: 'elections.run' },
  { pattern: '/attendance', component: AttendancePage, permission: 'attendance.read' },
  { pattern: '/attendance/groups/:id', component: JournalPage, permission: 'attendance.journal' },
  { pattern: '/attendance/groups/:id/unsigned', component: UnsignedPage, permission: 'attendance.journal' },
  { pattern: '/attendance/unsigned', component: UnsignedPage, permission: 'attendance.manage' },
  { pattern: '/attendance/students/:id', component: StudentAttendancePage, permission: 'attendance.read' },
  { pattern: '/attendance/justifications', component: JustificationsPage, permission: 'attendance.manage' },
  { pattern: '/attendance/report', component: ReportPage, permission: 'attendance.manage' },
  { pattern: '/attendance/settings', component: AttendanceSettingsPage, permission: 'attendance.settings' },
  { pattern: '/import', component: ImportPage, permission: 'people.import' },
  { pattern: '/users', component: UsersPage, permission: 'users.manage' },
  { pattern: '/users/new', component: UserCreatePage, permission: 'users.manage' },
  { pattern: '/users/:id', component: UserPage, permission: 'users.manage' },
  { pattern: '/audit', component: AuditPage, permission: 'audit.read' },
  { pattern: '/institutions', component: InstitutionsPage, permission: 'institutions.manage' },
];
