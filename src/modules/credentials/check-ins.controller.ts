import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { numberedWindow, toNumberedPage } from '@turnout/common/pagination/numbered-page';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { ProjectParamsDto } from 'src/modules/events/dto/project-params.dto';
import { ProjectsService } from 'src/modules/events/projects.service';
import { CheckInsService } from './check-ins.service';
import { toCheckInDto } from './credentials.mapper';
import {
  CheckInPageDto,
  CheckInQueryDto,
  CheckInResponseDto,
  CreateCheckInDto,
  requireOneIdentifier,
} from './dto/check-in.dto';

@ApiTags('projects: check-ins')
@Controller('api/v1/projects/:teamSlug/:projectSlug/check-ins')
export class CheckInsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly checkIns: CheckInsService,
  ) {}

  @Post()
  @Auth()
  @ApiOperation({
    summary: 'Record a scan at the door',
    description:
      'By `credential_value` or by `attendee_id` (exactly one). The first `in` of a PENDING or CONFIRMED attendee admits them: they become ATTENDED (`first_entry: true`, event `attendee.checked_in`). ATTENDED attendees go in and out freely; every scan is recorded. CANCELLED and WAITING_LIST attendees are refused with 409 `not-admissible` (the problem’s `attendee_status` says which). With a `nonce`, a retried scan is recorded once and answers exactly what the first attempt did; the same nonce for another attendee or direction is 409 `nonce-reused`.',
  })
  @ApiProblems(400, 403, 404, 409)
  async create(
    @CurrentAuth() auth: AuthContext,
    @Param() { teamSlug, projectSlug }: ProjectParamsDto,
    @Body() dto: CreateCheckInDto,
  ): Promise<CheckInResponseDto> {
    requireOneIdentifier(dto);
    const project = await this.projects.require(auth, teamSlug, projectSlug, 'manage');
    const checkIn = await this.checkIns.scan(auth, project, {
      credentialValue: dto.credential_value,
      attendeeId: dto.attendee_id,
      direction: dto.direction,
      gate: dto.gate,
      nonce: dto.nonce,
    });
    return { data: toCheckInDto(checkIn) };
  }

  @Get()
  @Auth()
  @ApiOperation({
    summary: 'List the project’s scans, newest first',
    description: 'Optionally only one attendee’s (`attendee_id`) or one direction’s (`direction`).',
  })
  @ApiProblems(400, 404)
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param() { teamSlug, projectSlug }: ProjectParamsDto,
    @Query() query: CheckInQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<CheckInPageDto> {
    const project = await this.projects.require(auth, teamSlug, projectSlug, 'inspect');
    const { items, total } = await this.checkIns.list(
      project.eventId,
      { attendeeId: query.attendee_id, direction: query.direction },
      numberedWindow(query),
    );
    return toNumberedPage(items.map(toCheckInDto), total, {
      page: query.page,
      perPage: query.per_page,
      url: request.url,
    });
  }
}
