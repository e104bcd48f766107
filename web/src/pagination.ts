// Limit/offset arithmetic for the paginated API lists.

export interface PageInfo {
  /** 1-based number of the first item shown, 0 when the page is empty */
  from: number;
  /** 1-based number of the last item shown */
  to: number;
  total: number;
  page: number;
  pages: number;
  prevOffset: number | null;
  nextOffset: number | null;
}

export function pageInfo(total: number, limit: number, offset: number, shown?: number): PageInfo {
  const safeLimit = Math.max(1, Math.floor(limit));
  const safeTotal = Math.max(0, Math.floor(total));
  const safeOffset = Math.max(0, Math.floor(offset));
  const count = shown ?? Math.max(0, Math.min(safeLimit, safeTotal - safeOffset));
  return {
    from: count > 0 ? safeOffset + 1 : 0,
    to: safeOffset + count,
    total: safeTotal,
    page: Math.floor(safeOffset / safeLimit) + 1,
    pages: Math.max(1, Math.ceil(safeTotal / safeLimit)),
    prevOffset: safeOffset > 0 ? Math.max(0, safeOffset - safeLimit) : null,
    nextOffset: safeOffset + safeLimit < safeTotal ? safeOffset + safeLimit : null,
  };
}

/** Reads a non-negative integer query parameter, falling back on anything else. */
export function parseOffset(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
