// Search-as-you-type choice of a person from the directory (GET /api/v1/people), as a WAI-ARIA
// combobox: type, move with the arrow keys, choose with Enter or a tap, close with Escape.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, isAbort } from '../api';
import { useDebounced } from '../debounce';
import { problemMessage } from '../errors';
import { t, tOr } from '../i18n';
import type { Page, PersonKind, PersonSummary } from '../types';
import { describedBy, FieldShell } from './Field';
import { distinguishingFacts, moveActive, pickerRequest, withoutExcluded, type PickedPerson } from './picker';

const SEARCH_DELAY_MS = 250;

interface PersonPickerProps {
  label: string;
  /** The input's name: tests and the field-error helpers find the control by it. */
  name: string;
  value: PickedPerson | null;
  onValue: (person: PickedPerson | null) => void;
  /** Only people of this kind, e.g. staff for a curator. */
  kind?: PersonKind;
  /** Ids that may not be chosen (e.g. the student themself). */
  exclude?: readonly (string | number)[];
  error?: string;
  hint?: string;
  required?: boolean;
  /** false: a chosen person can be replaced but not removed (the API cannot clear the field). */
  clearable?: boolean;
  /**
   * Where suggestions come from instead of the directory, for users who may not search it (e.g. the
   * members of the bodies a student may see). Gets the typed text once it is long enough.
   */
  source?: (text: string, signal: AbortSignal) => Promise<Page<PersonSummary>>;
}

type Search =
  | { state: 'idle' }
  | { state: 'short' }
  | { state: 'loading' }
  | { state: 'done'; items: PersonSummary[]; total: number }
  | { state: 'failed'; message: string };

export function PersonPicker({ label, name, value, onValue, kind, exclude = [], error, hint, required, clearable = true, source }: PersonPickerProps) {
  const id = `f-${useId()}`;
  const listId = `${id}-list`;
  const statusId = `${id}-status`;
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value?.full_name ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  const debounced = useDebounced(text, SEARCH_DELAY_MS);

  // A choice made from outside (a reset form, a person just created) shows in the box; our own
  // choices do not echo back, or clearing the choice by typing would also wipe the typed letters.
  const emitted = useRef<PickedPerson | null | undefined>(undefined);
  const emit = (person: PickedPerson | null) => {
    emitted.current = person;
    onValue(person);
  };
  useEffect(() => {
    const own = emitted.current !== undefined && (emitted.current?.id ?? null) === (value?.id ?? null);
    emitted.current = undefined;
    if (!own) setText(value?.full_name ?? '');
  }, [value?.id, value?.full_name]);

  const excludeKey = exclude.map(String).join(',');
  useEffect(() => {
    if (!open || value) return;
    const path = pickerRequest(debounced, kind);
    if (!path) {
      setSearch({ state: debounced.trim() ? 'short' : 'idle' });
      return;
    }
    const controller = new AbortController();
    setSearch({ state: 'loading' });
    (source ? source(debounced.trim().replace(/\s+/g, ' '), controller.signal) : api.get<Page<PersonSummary>>(path, { signal: controller.signal }))
      .then((page) => {
        const items = withoutExcluded(page.items, exclude);
        setSearch({ state: 'done', items, total: page.total - (page.items.length - items.length) });
        setActive(items.length > 0 ? 0 : -1);
      })
      .catch((err) => !isAbort(err) && setSearch({ state: 'failed', message: problemMessage(err) }));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced, open, value, kind, excludeKey]);

  const items = search.state === 'done' ? search.items : [];
  const expanded = open && !value && search.state !== 'idle';

  const choose = (person: PersonSummary) => {
    emit({ id: person.id, full_name: person.full_name });
    setText(person.full_name);
    setOpen(false);
    setActive(-1);
    setSearch({ state: 'idle' });
  };

  const clear = () => {
    emit(null);
    setText('');
    setSearch({ state: 'idle' });
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      setActive((current) => moveActive(current, event.key === 'ArrowDown' ? 1 : -1, items.length));
    } else if (event.key === 'Enter') {
      // Enter chooses a suggestion; it must not submit the surrounding form meanwhile.
      if (expanded) {
        event.preventDefault();
        if (active >= 0 && items[active]) choose(items[active]);
      }
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
      }
    }
  };

  let status = '';
  if (expanded) {
    if (search.state === 'short') status = t('ui.picker.type_more');
    else if (search.state === 'loading') status = t('ui.picker.searching');
    else if (search.state === 'failed') status = search.message;
    else if (search.state === 'done') status = items.length === 0 ? t('ui.picker.no_results') : t('ui.picker.results', { count: search.total });
  }

  const hintText = hint ?? t('ui.picker.hint');
  return (
    <FieldShell id={id} label={label} error={error} hint={hintText} required={required} className="picker">
      <div class="picker-box">
        <input
          ref={input}
          id={id}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          value={text}
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 && items[active] ? `${id}-opt-${active}` : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-required={required ? 'true' : undefined}
          aria-describedby={[describedBy(`${id}-error`, `${id}-hint`, error, hintText), value ? `${id}-chosen` : ''].filter(Boolean).join(' ') || undefined}
          data-picked={value ? String(value.id) : undefined}
          onInput={(event) => {
            const next = (event.currentTarget as HTMLInputElement).value;
            setText(next);
            setOpen(true);
            if (value) emit(null);
          }}
          onFocus={() => !value && setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {value && clearable && (
          <button type="button" class="picker-clear" onClick={clear}>
            <span aria-hidden="true">×</span>
            <span class="visually-hidden">{t('ui.picker.clear')}</span>
          </button>
        )}
        {/* mousedown would blur the input and close the list before the click lands */}
        <ul id={listId} role="listbox" aria-label={label} class="picker-list" hidden={!expanded || items.length === 0} onMouseDown={(event) => event.preventDefault()}>
          {items.map((person, index) => {
            const facts = distinguishingFacts(person);
            const detail = facts.length > 0 ? facts.join(' · ') : person.kinds.map((k) => tOr('ui.person.kind.', k)).join(', ');
            return (
              <li
                key={String(person.id)}
                id={`${id}-opt-${index}`}
                role="option"
                aria-selected={index === active ? 'true' : 'false'}
                class={`picker-option${index === active ? ' is-active' : ''}`}
                data-person-id={String(person.id)}
                onClick={() => choose(person)}
                onMouseMove={() => index !== active && setActive(index)}
              >
                <span class="picker-name">{person.full_name}</span>
                {detail && <span class="picker-detail">{detail}</span>}
              </li>
            );
          })}
        </ul>
      </div>
      <p id={statusId} class="picker-status" role="status">
        {status}
      </p>
      {value && (
        <p id={`${id}-chosen`} class="visually-hidden">
          {t('ui.picker.selected', { name: value.full_name })}
        </p>
      )}
    </FieldShell>
  );
}
