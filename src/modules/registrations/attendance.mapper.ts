import type { MembershipDto } from 'src/modules/auth/dto/membership.dto';
import type { UserDto } from 'src/modules/auth/dto/user.dto';
import type { AttendeeStatus } from './attendee-status';
import type { Attendee } from './attendee.entity';
import type { AttendanceDto } from './dto/attendance.dto';

/** Seed 000's vocabulary: three states where Turnout knows five statuses. */
export const ATTENDANCE_STATES = ['CONFIRMADO', 'PENDIENTE', 'CANCELADO'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

/** The states a new attendance may ask for. */
export const INITIAL_ATTENDANCE_STATES: readonly AttendanceState[] = ['CONFIRMADO', 'PENDIENTE'];

const STATE_OF: Record<AttendeeStatus, AttendanceState> = {
  CONFIRMED: 'CONFIRMADO',
  // Checked in: the seed has no word for it, and the person did come.
  ATTENDED: 'CONFIRMADO',
  PENDING: 'PENDIENTE',
  // Waiting for a seat: not yet confirmed, which is what PENDIENTE says.
  WAITING_LIST: 'PENDIENTE',
  CANCELLED: 'CANCELADO',
};

const STATUS_OF: Record<AttendanceState, 'CONFIRMED' | 'PENDING' | 'CANCELLED'> = {
  CONFIRMADO: 'CONFIRMED',
  PENDIENTE: 'PENDING',
  CANCELADO: 'CANCELLED',
};

export const toAttendanceState = (status: AttendeeStatus): AttendanceState => STATE_OF[status];

export const toAttendeeStatus = (state: AttendanceState): AttendeeStatus => STATUS_OF[state];

/** What an attendance shows beside the attendee row, loaded in bulk by the service. */
export interface AttendanceContext {
  user: Pick<UserDto, 'name' | 'firstName' | 'lastName'> | undefined;
  membership: MembershipDto | null;
  eventTitle: string;
}

const fullName = (first?: string | null, last?: string | null): string | null =>
  [first, last].filter(Boolean).join(' ') || null;

/**
 * The display name, then "first last": of the account, else of the registration; else empty.
 * Never the email: attendances are listed publicly (`GET /api/attendances`, `GET /api/events/{id}`).
 */
function userName(attendee: AttendanceRow, user: AttendanceContext['user']): string {
  return (
    user?.name ||
    fullName(user?.firstName, user?.lastName) ||
    fullName(attendee.firstName, attendee.lastName) ||
    ''
  );
}

/** What an attendance shows of the attendee row. */
export type AttendanceRow = Pick<
  Attendee,
  'id' | 'userId' | 'eventId' | 'status' | 'firstName' | 'lastName'
>;

export const toAttendanceDto = (
  attendee: AttendanceRow,
  context: AttendanceContext,
): AttendanceDto => ({
  id: attendee.id,
  userId: attendee.userId ?? null,
  userName: userName(attendee, context.user),
  userMembership: context.membership,
  eventId: attendee.eventId,
  eventTitle: context.eventTitle,
  state: toAttendanceState(attendee.status),
  status: attendee.status,
});
