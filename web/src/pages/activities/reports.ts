// Pure helpers for reports (PLAN-3).
import type { Id } from '../bodies/bodies-types';

export const REPORT_KINDS = ['semi_annual', 'annual'] as const;

export interface ReportSummary {
  id: Id;
  kind: string;
  period_from: string;
  period_to: string;
  status: 'draft' | 'approved';
}

export interface ReportFigures {
  events_by_direction: { direction: string; events: number; participants: number }[];
  events_by_month: { month: string; events: number }[];
  sessions: number;
  items_considered: number;
  decisions_adopted: number;
  plan_items_done: number;
  plan_items_open: number;
  plan_items_overdue?: number;
  clubs_and_sections: { name: string; kind: string; members: number; events: number; participants: number }[];
}

export interface Report extends ReportSummary {
  body_id: Id;
  body: string;
  narrative: string;
  figures: ReportFigures;
}

export interface ReportForm {
  kind: string;
  period_from: string;
  period_to: string;
  narrative: string;
}

export const REPORT_FIELDS = ['kind', 'period_from', 'period_to', 'narrative'] as const;

export function reportBody(form: ReportForm): Record<string, unknown> {
  const body: Record<string, unknown> = { kind: form.kind, period_from: form.period_from, period_to: form.period_to };
  if (form.narrative.trim()) body.narrative = form.narrative.trim();
  return body;
}

/** The PDF or XLSX of a report; `lang` asks for the UI language (a link cannot send Accept-Language). */
export function reportDownloadPath(id: Id, format: 'pdf' | 'xlsx', lang: string): string {
  return `/api/v1/reports/${encodeURIComponent(String(id))}/report.${format}?lang=${encodeURIComponent(lang)}`;
}
