import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ATTENDANCE_STATES, type AttendanceState } from '../attendance.mapper';

export class UpdateAttendanceDto {
  /**
   * The new state. CANCELADO keeps the record and frees its seat; coming back from CANCELADO
   * competes for a seat like a newcomer (a full event answers PENDIENTE with status WAITING_LIST).
   */
  @IsIn(ATTENDANCE_STATES)
  @ApiProperty({ enum: ATTENDANCE_STATES })
  state: AttendanceState;
}
