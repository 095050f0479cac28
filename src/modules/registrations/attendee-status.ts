import { defineErrors } from '@turnout/common/problems/domain-error';

export const ATTENDEE_STATUSES = [
  'PENDING',
  'CONFIRMED',
  'CANCELLED',
  'WAITING_LIST',
  'ATTENDED',
] as const;
export type AttendeeStatus = (typeof ATTENDEE_STATUSES)[number];

/** Statuses that occupy a seat against the capacity. */
export const SEAT_HOLDING: ReadonlySet<AttendeeStatus> = new Set([
  'PENDING',
  'CONFIRMED',
  'ATTENDED',
]);

/** Who asks for a change: the attendee themself, someone who manages the event, or Turnout itself. */
export type Actor = 'attendee' | 'manager' | 'system';

/**
 * Every allowed status change, and who may make it. Anything not listed is a 409 naming both
 * states. Moving into a seat-holding status competes for a seat (see RegistrationService).
 */
const TRANSITIONS: Record<AttendeeStatus, Partial<Record<AttendeeStatus, readonly Actor[]>>> = {
  PENDING: {
    CONFIRMED: ['attendee', 'manager'],
    CANCELLED: ['attendee', 'manager', 'system'],
    ATTENDED: ['manager', 'system'],
  },
  CONFIRMED: {
    PENDING: ['attendee', 'manager'],
    CANCELLED: ['attendee', 'manager', 'system'],
    ATTENDED: ['manager', 'system'],
  },
  WAITING_LIST: {
    PENDING: ['manager', 'system'],
    CONFIRMED: ['manager', 'system'],
    CANCELLED: ['attendee', 'manager', 'system'],
  },
  CANCELLED: { PENDING: ['attendee', 'manager'], CONFIRMED: ['attendee', 'manager'] },
  ATTENDED: { CONFIRMED: ['manager'] },
};

export class TransitionError extends defineErrors({
  'invalid-transition': { status: 409, title: 'That status change is not allowed' },
}) {}

/** Throws a 409 unless `actor` may move an attendee from `from` to `to`. Same status: a no-op. */
export function requireTransition(from: AttendeeStatus, to: AttendeeStatus, actor: Actor): void {
  if (from === to) return;
  const allowed = TRANSITIONS[from][to];
  if (!allowed?.includes(actor)) {
    const who = allowed ? ` by ${actor === 'attendee' ? 'the attendee' : actor}` : '';
    throw new TransitionError(
      'invalid-transition',
      `A registration cannot go from ${from} to ${to}${who}`,
      { from, to },
    );
  }
}
