import type { ComponentChildren } from 'preact';
import { Link } from '../../components/Link';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t, tOr } from '../../i18n';
import type { PersonDetail, PersonLink } from '../../types';

function Fact({ label, children, testid }: { label: string; children: ComponentChildren; testid?: string }) {
  return (
    <div data-testid={testid}>
      <dt>{label}</dt>
      <dd>{children === '' || children === null || children === undefined ? '—' : children}</dd>
    </div>
  );
}

const SENSITIVE_KEYS = ['birth_date', 'gender', 'email', 'phone', 'representatives', 'children'] as const;

/** The server omits sensitive fields (and says restricted: true) for roles that may not see them. */
export function isRestricted(person: PersonDetail): boolean {
  return person.restricted === true || !SENSITIVE_KEYS.some((key) => key in person);
}

export function kindsText(kinds: readonly string[]): string {
  return kinds.map((kind) => tOr('ui.person.kind.', kind)).join(', ');
}

/** Everything the API returned about a person; sensitive facts only when they were sent. */
export function PersonFacts({ person, hideChildren = false, hideRepresentatives = false }: { person: PersonDetail; hideChildren?: boolean; hideRepresentatives?: boolean }) {
  const { locale, can } = useApp();
  const student = person.student;
  const linkPeople = can('people.read');
  const restricted = isRestricted(person);
  return (
    <>
      <dl class="facts">
        <Fact label={t('ui.person.full_name')}>{person.full_name}</Fact>
        <Fact label={t('ui.person.kinds')}>{kindsText(person.kinds)}</Fact>
        {student && (
          <>
            <Fact label={t('ui.person.student_number')} testid="fact-student-number">{student.student_number}</Fact>
            <Fact label={t('ui.person.group')}>{student.group_name ?? ''}</Fact>
            {student.course != null && <Fact label={t('ui.person.course')}>{student.course}</Fact>}
            {student.grade != null && <Fact label={t('ui.person.grade')}>{student.grade}</Fact>}
            <Fact label={t('ui.person.status')}>{tOr('ui.person.status.', student.status)}</Fact>
            <Fact label={t('ui.person.academic_debt')}>{student.academic_debt ? t('ui.common.yes') : t('ui.common.no')}</Fact>
          </>
        )}
        {person.staff && <Fact label={t('ui.person.position')}>{person.staff.position}</Fact>}
      </dl>
      <h3 class="subheading">{t('ui.person.personal_data')}</h3>
      {restricted ? (
        <p class="note" data-testid="restricted-note">
          <span class="note-icon" aria-hidden="true">🔒</span>
          {t('ui.person.restricted')}
        </p>
      ) : (
        <>
          <dl class="facts" data-testid="sensitive-facts">
            <Fact label={t('ui.person.birth_date')}>{formatDate(person.birth_date, locale)}</Fact>
            <Fact label={t('ui.person.gender')}>{person.gender ? tOr('ui.person.gender.', person.gender) : ''}</Fact>
            <Fact label={t('ui.person.email')}>{person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : ''}</Fact>
            <Fact label={t('ui.person.phone')}>{person.phone ? <a href={`tel:${person.phone}`}>{person.phone}</a> : ''}</Fact>
          </dl>
          {!hideRepresentatives && <LinkedPeople title={t('ui.person.representatives')} people={person.representatives ?? []} linkPeople={linkPeople} showContacts />}
          {!hideChildren && <LinkedPeople title={t('ui.person.children')} people={person.children ?? []} linkPeople={linkPeople} showKind={false} />}
        </>
      )}
    </>
  );
}

// For children the link's kind is this person's own relation to them ("father"), which would
// read as if the child were the father: it is shown for representatives only.
function LinkedPeople({ title, people, linkPeople, showContacts, showKind = true }: { title: string; people: PersonLink[]; linkPeople: boolean; showContacts?: boolean; showKind?: boolean }) {
  if (people.length === 0) return null;
  return (
    <>
      <h3 class="subheading">{title}</h3>
      <ul class="plain-list linked-people">
        {people.map((link) => (
          <li key={String(link.person_id)}>
            {linkPeople ? <Link href={`/people/${encodeURIComponent(String(link.person_id))}`}>{link.full_name}</Link> : <strong>{link.full_name}</strong>}
            {showKind && <span class="muted"> · {tOr('ui.person.relation.', link.kind)}</span>}
            {showContacts && (link.phone || link.email) && (
              <span class="contact">
                {link.phone && <a href={`tel:${link.phone}`}>{link.phone}</a>}
                {link.phone && link.email && ' · '}
                {link.email && <a href={`mailto:${link.email}`}>{link.email}</a>}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
