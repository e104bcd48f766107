// Pure helpers of the audit log page.

/** Pretty JSON of a before/after snapshot; null/undefined shown as an em dash by the caller. */
export function prettyJson(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    // Some stores keep the snapshot as JSON text: show it indented all the same.
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

/** Top-level keys whose values differ between before and after, to highlight what changed. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const asObject = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const a = asObject(before);
  const b = asObject(after);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort();
}

export interface AuditFilters {
  action: string;
  entity: string;
  from: string;
  to: string;
  offset: number;
}

/** A date range is valid when both ends are set and the start is not after the end. */
export function rangeIsValid(from: string, to: string): boolean {
  return !from || !to || from <= to;
}
