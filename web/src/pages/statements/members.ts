// Whom a user without the people directory (the ombudsman, a student) can still name: the members of
// the bodies they may read (GET /api/v1/bodies/{id}), searched by name in the browser.
import { api } from '../../api';
import { tOr } from '../../i18n';
import { PICKER_LIMIT } from '../../components/picker';
import type { Page, PersonSummary } from '../../types';
import type { BodyDetail, BodySummary } from '../bodies/bodies-types';

/** The members of the given bodies as picker suggestions whose name holds the typed text, each person once. */
export function membersMatching(bodies: readonly Pick<BodyDetail, 'name' | 'members'>[], text: string, limit = PICKER_LIMIT): Page<PersonSummary> {
  const needle = text.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  const seen = new Map<string, PersonSummary>();
  for (const body of bodies) {
    for (const m of body.members) {
      const key = String(m.person_id);
      const name = m.full_name ?? '';
      if (!name || !name.toLocaleLowerCase().includes(needle)) continue;
      const where = `${body.name} · ${tOr('body.position.', m.position)}`;
      const known = seen.get(key);
      if (known) {
        if (known.staff && !known.staff.position.includes(where)) known.staff.position += `; ${where}`;
        continue;
      }
      seen.set(key, { id: m.person_id, surname: '', name, full_name: name, kinds: [], student: null, staff: { position: where } });
    }
  }
  const all = [...seen.values()].sort((a, b) => a.full_name.localeCompare(b.full_name));
  return { items: all.slice(0, limit), total: all.length, limit, offset: 0 };
}

/** A picker source over every body's members; the bodies are fetched once, on the first search. */
export function bodyMembersSource(): (text: string, signal: AbortSignal) => Promise<Page<PersonSummary>> {
  let bodies: Promise<BodyDetail[]> | null = null;
  return async (text) => {
    bodies ??= api
      .get<{ items: BodySummary[] }>('/api/v1/bodies')
      .then((list) => Promise.all(list.items.map((b) => api.get<BodyDetail>(`/api/v1/bodies/${encodeURIComponent(String(b.id))}`))))
      .catch((err) => {
        bodies = null;
        throw err;
      });
    return membersMatching(await bodies, text);
  };
}
