// Reading the bodies API for the pages; changes are sent by the forms themselves through api.ts.
import { useEffect, useState } from 'preact/hooks';
import { api, isAbort } from '../../api';
import { problemMessage, ruleOf } from '../../errors';
import { t, tOr } from '../../i18n';
import type { Loaded } from '../structure/structure-api';
import type { BodyDetail, BodyTemplate } from './bodies-types';

export { useList } from '../structure/structure-api';
export type { Loaded };

/** GET one resource; `reload()` reads it again after a change. `deps` (e.g. the language) refetch. */
export function useResource<T>(path: string | null, deps: unknown[] = []): [Loaded<T>, () => Promise<void>, (data: T) => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  // A change's own answer shows at once, without waiting for a reload (the third element).
  const replace = (data: T) => setLoaded({ state: 'ready', data });
  const reload = async () => {
    if (!path) return;
    try {
      setLoaded({ state: 'ready', data: await api.get<T>(path) });
    } catch (error) {
      setLoaded({ state: 'failed', message: problemMessage(error) });
    }
  };
  useEffect(() => {
    if (!path) return;
    const controller = new AbortController();
    api
      .get<T>(path, { signal: controller.signal })
      .then((data) => setLoaded({ state: 'ready', data }))
      .catch((error) => !isAbort(error) && setLoaded({ state: 'failed', message: problemMessage(error) }));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, ...deps]);
  return [loaded, reload, replace];
}

/** What the signed-in user may do to one object, as the server's policies decide (never decided here). */
export interface Abilities {
  object: string;
  id: number | null;
  actions: string[];
}

export function useAbilities(object: string, id: string | number | null): (action: string) => boolean {
  const [abilities] = useResource<Abilities>(id == null ? null : `/api/v1/me/abilities?object=${encodeURIComponent(object)}&id=${encodeURIComponent(String(id))}`, [object, id]);
  return (action) => allows(abilities, action);
}

/** Whether loaded abilities include an action; nothing is allowed until they are loaded. */
export function allows(abilities: Loaded<Abilities>, action: string): boolean {
  return abilities.state === 'ready' && abilities.data.actions.includes(action);
}

export const bodyPath = (id: string | number) => `/api/v1/bodies/${encodeURIComponent(String(id))}`;

export function useBody(id: string, locale: string): [Loaded<BodyDetail>, () => Promise<void>] {
  const [body, reload] = useResource<BodyDetail>(bodyPath(id), [locale]);
  return [body, reload];
}

/** A position's name from the shared catalog (body.position.*), else the raw value. */
export const positionName = (position: string): string => tOr('body.position.', position);

/** A template's name from the shared catalog (body.template.*), else the server's name. */
export function templateName(template: string, fallback?: string): string {
  const name = tOr('body.template.', template);
  return name === template && fallback ? fallback : name;
}

export function templateOf(templates: Loaded<BodyTemplate[]>, id: string | undefined): BodyTemplate | null {
  if (templates.state !== 'ready' || !id) return null;
  return templates.data.find((template) => template.id === id) ?? null;
}

/** A refused action as shown in an alert: the server's words and the rule id. */
export interface Refusal {
  messages: string[];
  rule: string | null;
}

export function refusal(error: unknown): Refusal {
  return { messages: [problemMessage(error)], rule: ruleOf(error) };
}

export const NO_REFUSAL: Refusal = { messages: [], rule: null };

/** "Session No. 3" */
export const meetingTitle = (number: number): string => t('ui.meeting.title', { number });
