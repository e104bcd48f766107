// Instructions to the Secretariat (ORG-11): the types the pages read and the pure helpers they share.
export type InstructionStatus = 'issued' | 'in_progress' | 'done' | 'cancelled';

export interface InstructionEvent {
  status: InstructionStatus;
  note: string;
  person_id: number | null;
  person_name: string | null;
  at: number;
}

export interface Instruction {
  id: number;
  body_id: number;
  body_name: string;
  secretariat_id: number;
  secretariat_name: string;
  source: 'council_decision' | 'president';
  agenda_item_id: number | null;
  agenda_item_title: string | null;
  issued_by: number | null;
  issued_by_name: string | null;
  text: string;
  assignee_id: number;
  assignee_name: string;
  deadline: string;
  status: InstructionStatus;
  overdue: boolean;
  created_at: number;
  history?: InstructionEvent[];
}

export interface InstructionList {
  items: Instruction[];
  decisions: { agenda_item_id: number; title: string; meeting_number: number; held_on: string }[];
  secretariats: { id: number; name: string; members: { person_id: number; full_name: string }[] }[];
}

export const instructionPath = (id: string | number) => `/api/v1/instructions/${encodeURIComponent(String(id))}`;
export const bodyInstructionsPath = (id: string | number) => `/api/v1/bodies/${encodeURIComponent(String(id))}/instructions`;

/** The next step the Secretariat takes (ORG-11: issued → in progress → done), or none when final. */
export function nextStep(status: InstructionStatus): 'in_progress' | 'done' | null {
  if (status === 'issued') return 'in_progress';
  if (status === 'in_progress') return 'done';
  return null;
}

export const isOpen = (status: InstructionStatus) => status === 'issued' || status === 'in_progress';

/** Overdue first, then by deadline (the server's order), for the list. */
export function overdueFirst(items: Instruction[]): Instruction[] {
  return [...items.filter((x) => x.overdue), ...items.filter((x) => !x.overdue)];
}
