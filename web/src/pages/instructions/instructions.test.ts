import { describe, expect, it } from 'vitest';
import { isOpen, nextStep, overdueFirst, type Instruction } from './instructions';

describe('instructions (ORG-11)', () => {
  it('steps issued → in progress → done, nothing after', () => {
    expect(nextStep('issued')).toBe('in_progress');
    expect(nextStep('in_progress')).toBe('done');
    expect(nextStep('done')).toBeNull();
    expect(nextStep('cancelled')).toBeNull();
    expect(isOpen('in_progress')).toBe(true);
    expect(isOpen('done')).toBe(false);
  });
  it('lists overdue ones first, keeping the order otherwise', () => {
    const x = (id: number, overdue: boolean) => ({ id, overdue }) as Instruction;
    expect(overdueFirst([x(1, false), x(2, true), x(3, false), x(4, true)]).map((i) => i.id)).toEqual([2, 4, 1, 3]);
  });
});
