// The principal's hostel orders (allocation, settlement, reprimand, eviction, vacating for a
// priority student): their API paths and shape, shared by the hostel pages.
export type HostelOrderKind = 'allocation' | 'settlement' | 'reprimand' | 'eviction' | 'bumping';

export interface HostelOrderStudent {
  person_id?: number;
  name: string;
  group?: string;
  priority_group?: number;
  grade?: number | string;
  line: string;
  room?: string;
  place?: string;
  reason?: string;
  vacate_by?: string;
  deviation?: string;
}

export interface HostelOrder {
  id: number;
  kind: HostelOrderKind;
  person_id: number | null;
  decision_id: number | null;
  issued_on: string;
  verification_code: string;
  document_hash: string;
  content: {
    institution: string;
    number: string;
    issued_on: string;
    academic_year?: string;
    grounds?: string;
    decision?: { body: string; held_on: string; protocol: string };
    students?: HostelOrderStudent[];
  };
}

export const hostelOrderPath = (id: number | string, tail = '') => `/api/v1/hostel/orders/${encodeURIComponent(String(id))}${tail}`;
export const isHostelOrderCode = (code: string): boolean => /^\d+h[0-9a-z]+$/i.test(code);
export const hostelOrderVerifyPath = (code: string) => `/api/v1/public/hostel-orders/${encodeURIComponent(code)}`;
