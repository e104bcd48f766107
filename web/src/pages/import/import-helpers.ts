// Pure helpers of the roster import wizard.
import type { ImportMapping, ImportRowError } from '../../types';

/** Select values ("" = not mapped, "3" = column 3) -> the API mapping {field: column_index}. */
export function mappingFromSelection(selection: Record<string, string>): ImportMapping {
  const mapping: ImportMapping = {};
  for (const [field, value] of Object.entries(selection)) {
    if (value === '') continue;
    const index = Number(value);
    if (Number.isInteger(index) && index >= 0) mapping[field] = index;
  }
  return mapping;
}

/** The API mapping -> one select value per known field, unmapped fields as "". */
export function selectionFromMapping(fields: readonly string[], mapping: ImportMapping | null | undefined): Record<string, string> {
  const selection: Record<string, string> = {};
  for (const field of fields) {
    const index = mapping?.[field];
    selection[field] = typeof index === 'number' && index >= 0 ? String(index) : '';
  }
  return selection;
}

/** Columns picked for more than one field: almost always a slip of the hand. */
export function duplicateColumns(selection: Record<string, string>): Set<string> {
  const seen = new Map<string, number>();
  for (const value of Object.values(selection)) if (value !== '') seen.set(value, (seen.get(value) ?? 0) + 1);
  return new Set([...seen].filter(([, count]) => count > 1).map(([value]) => value));
}

/** An error's column as people know it: the header text when the server gave an index. */
export function columnName(column: ImportRowError['column'], columns: readonly string[]): string {
  if (column === null || column === undefined || column === '') return '';
  if (typeof column === 'number') return columns[column] ?? String(column + 1);
  return column;
}

export function percent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((loaded / total) * 100)));
}

/** Errors in file order, so the table reads top to bottom like the spreadsheet. */
export function sortRowErrors(errors: readonly ImportRowError[]): ImportRowError[] {
  return [...errors].sort((a, b) => a.line - b.line);
}
