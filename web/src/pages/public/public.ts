// The public API of an institution (PLAN-4): paths and answer shapes.
import type { Id } from '../bodies/bodies-types';
import type { Report } from '../activities/reports';

export const publicApiPath = (institutionId: Id, part: string) => `/api/v1/public/institutions/${encodeURIComponent(String(institutionId))}/${part}`;

// The latest signed checkpoint of the institution's audit chain (null until one is written).
export interface AuditAnchor {
  seq: number;
  hash: string;
  keyed_from: number;
  at: string;
  public_key: string;
  signature: string;
  signed_message: string;
}

export interface PublicData {
  anchor: { anchor: AuditAnchor | null };
  bodies: { items: { id: Id; parent_id: Id | null; kind: string; template: string; name: string; members: { full_name: string; position: string; position_name: string }[] }[] };
  plans: { items: { id: Id; academic_year: string; body: string; items: { direction: string; title: string; due_on: string; status: string }[] }[] };
  events: { institution: string; items: { id: Id; direction: string; title: string; held_on: string; starts_at: string | null; place: string; organiser: string; cancelled?: boolean; cancel_reason?: string | null }[] };
  reports: { items: Report[] };
  protocols: {
    items: {
      body: string;
      number: number;
      academic_year: string;
      held_on: string;
      verification_code: string;
      decisions: { title: string; motion: string; outcome?: string; counts?: { yes: number; no: number; abstain: number } }[];
    }[];
  };
}
