import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { ATTENDANCE_STATES, type AttendanceState } from '../attendance.mapper';

export class CreateAttendanceDto {
  /** The user to register: yourself, or anyone if you manage the event. */
  @IsUUID()
  userId: string;

  @IsUUID()
  eventId: string;

  /**
   * CONFIRMADO if you will attend, PENDIENTE if you are still deciding (CANCELADO is refused with
   * 422). A full event puts you on its waiting list: PENDIENTE with status WAITING_LIST.
   */
  @IsIn(ATTENDANCE_STATES)
  @ApiProperty({ enum: ATTENDANCE_STATES })
  state: AttendanceState;
}
