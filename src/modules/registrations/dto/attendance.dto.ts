import { ApiProperty } from '@nestjs/swagger';
import { MembershipDto } from 'src/modules/auth/dto/membership.dto';
import { PageMetaDto } from '@turnout/common/pagination/page-meta.dto';
import { ATTENDANCE_STATES, type AttendanceState } from '../attendance.mapper';
import { ATTENDEE_STATUSES, type AttendeeStatus } from '../attendee-status';

/** A user's participation in an event (seed 000's view of a registration). */
export class AttendanceDto {
  id: string;
  /** The attending user; null only for people registered without an account through another API. */
  userId: string | null;
  /** The user's display name; else "first last"; else their email. */
  userName: string;
  /** The user's active membership (the one whose period contains now), if any. */
  userMembership: MembershipDto | null;
  eventId: string;
  eventTitle: string;
  /**
   * The seed's state. It knows three, so a waiting-list place shows as PENDIENTE and a checked-in
   * attendee as CONFIRMADO; `status` tells them apart.
   */
  @ApiProperty({ enum: ATTENDANCE_STATES })
  state: AttendanceState;
  /**
   * Turnout's exact status: PENDING, CONFIRMED, CANCELLED, WAITING_LIST (no seat yet; promoted in
   * order when one frees) or ATTENDED (checked in).
   */
  @ApiProperty({ enum: ATTENDEE_STATUSES })
  status: AttendeeStatus;
}

/** A page of attendances: `{ data, meta: { page, perPage, total, totalPages } }`. */
export class AttendancePageDto {
  data: AttendanceDto[];
  meta: PageMetaDto;
}
