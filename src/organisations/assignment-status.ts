import { invalidRequest } from '../errors.js';
import type { AssignmentStatus } from './organisation.js';

/**
 * How an assignment moves: suggested → accepted → started → completed, or declined. A learner answering
 * in chat only moves forward (a stray old button cannot undo "completed"); HR may set any status, since
 * they correct the record (someone finished the course elsewhere, or declined by mistake).
 */

const order: Record<AssignmentStatus, number> = { suggested: 0, accepted: 1, started: 2, completed: 3, declined: 3 };

export function checkStatusChange(options: {
  from: AssignmentStatus;
  to: AssignmentStatus;
  by: 'hr' | 'learner';
}): void {
  const { from, to, by } = options;
  if (by === 'hr' || from === to) return;
  if (from === 'completed' || from === 'declined' || order[to] < order[from]) {
    throw invalidRequest({ message: `An assignment that is ${from} cannot become ${to}.`, details: { from, to } });
  }
}
