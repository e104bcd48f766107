// Several people chosen one by one with the directory's search (the team of a team award, the
// members of a Shanyrak): the picker empties after each choice and the chosen show as chips.
import { useState } from 'preact/hooks';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { t } from '../../i18n';
import type { PersonKind } from '../../types';

interface PeopleFieldProps {
  label: string;
  name: string;
  people: PickedPerson[];
  onPeople: (people: PickedPerson[]) => void;
  kind?: PersonKind;
  error?: string;
  hint?: string;
  testid: string;
}

export function PeopleField({ label, name, people, onPeople, kind, error, hint, testid }: PeopleFieldProps) {
  const [picking, setPicking] = useState<PickedPerson | null>(null);
  const add = (person: PickedPerson | null) => {
    if (person && !people.some((p) => String(p.id) === String(person.id))) onPeople([...people, person]);
    setPicking(null);
  };
  return (
    <>
      {/* Remounted after each choice, so the box is empty for the next person. */}
      <PersonPicker key={`${name}-${people.length}`} label={label} name={name} kind={kind} value={picking} onValue={add}
        exclude={people.map((p) => p.id)} error={error} hint={hint} />
      {people.length > 0 && (
        <ul class="chip-list" data-testid={testid}>
          {people.map((p) => (
            <li key={String(p.id)} class="chip" data-person-id={String(p.id)}>
              <span>{p.full_name}</span>
              <button type="button" class="chip-remove" onClick={() => onPeople(people.filter((x) => x.id !== p.id))}>
                <span aria-hidden="true">×</span>
                <span class="visually-hidden">{t('ui.awards.remove_person', { name: p.full_name })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
