import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '@turnout/common/http/id-param.dto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { Public } from 'src/modules/auth/decorators/public.decorator';
import { AttendanceDto, AttendancePageDto } from './dto/attendance.dto';
import { CreateAttendanceDto } from './dto/attendance-create.dto';
import { AttendanceQueryDto } from './dto/attendance-query.dto';
import { UpdateAttendanceDto } from './dto/attendance-update.dto';
import { AttendancesService } from './attendances.service';

const STATES = `\`state\` is CONFIRMADO, PENDIENTE or CANCELADO. Turnout knows more: a waiting-list place
shows as PENDIENTE and a checked-in attendee as CONFIRMADO, and \`status\` always carries the exact one
(PENDING, CONFIRMED, CANCELLED, WAITING_LIST, ATTENDED).`;

/** Seed 000: attendances, a user's participation in an event. */
@ApiTags('attendances')
@Controller('api/attendances')
export class AttendancesController {
  constructor(private readonly attendances: AttendancesService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'List attendances of published events (public)',
    description: `Ordered by creation, 10 per page. \`searchTerm\` matches, case-insensitively, part of
the user's name or of the event's title. Answers \`{ data, meta: { page, perPage, total, totalPages } }\`.

${STATES}`,
  })
  @ApiProblems(400)
  list(@Query() query: AttendanceQueryDto): Promise<AttendancePageDto> {
    return this.attendances.list(query);
  }

  @Post()
  @Auth({ roles: ['USER', 'ORGANIZER', 'ADMIN'] })
  @ApiOperation({
    summary: 'Register a user for an event',
    description: `Register yourself for any event you can see; registering someone else takes managing
the event (its organization's Organizers, its signup managers, Admins). A full event puts the user on its
waiting list (PENDIENTE, status WAITING_LIST), or answers 409 \`event-full\` when it has none. A user
already registered (and not cancelled) answers 409 \`already-registered\`. An unknown \`userId\` answers
422 \`unknown-user\`, and CANCELADO 422 \`cancelled-on-create\`.

${STATES}`,
  })
  @ApiProblems(400, 404, 409, 422)
  create(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateAttendanceDto,
  ): Promise<AttendanceDto> {
    return this.attendances.create(auth, dto);
  }

  @Put(':id')
  @Auth({ roles: ['USER', 'ORGANIZER', 'ADMIN'] })
  @ApiOperation({
    summary: 'Change an attendance’s state (the attendee, the event’s managers)',
    description: `CANCELADO keeps the record and gives its seat to the next on the waiting list. Leaving
CANCELADO competes for a seat like a newcomer: a full event answers PENDIENTE with status WAITING_LIST.
Asking for the state already shown changes nothing. A change the attendee may not make (say, confirming
themselves off the waiting list) answers 409 naming both statuses. The response shows the status
actually given.

${STATES}`,
  })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Body() dto: UpdateAttendanceDto,
  ): Promise<AttendanceDto> {
    return this.attendances.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ roles: ['USER', 'ORGANIZER', 'ADMIN'] })
  @ApiOperation({
    summary: 'Delete an attendance entirely (the attendee, the event’s managers)',
    description:
      'The record is gone (use PUT with CANCELADO to keep it); its seat goes to the next on the waiting list. Answers 204.',
  })
  @ApiProblems(400, 404)
  remove(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<void> {
    return this.attendances.remove(auth, id);
  }
}
