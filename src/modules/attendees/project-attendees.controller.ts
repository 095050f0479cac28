import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { IsUUID } from 'class-validator';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { ProjectParamsDto } from 'src/modules/events/dto/project-params.dto';
import { AttendeeBatchService } from './attendee-batch.service';
import {
  BatchCreateGxpAttendeesDto,
  BatchUpdateGxpAttendeesDto,
  CreateGxpAttendeeDto,
  GxpAttendeeBatchDto,
  GxpAttendeeListDto,
  GxpAttendeeQueryDto,
  GxpAttendeeResponseDto,
  GxpAttendeeSearchDto,
  IncludeQueryDto,
  UpdateGxpAttendeeDto,
} from './dto/gxp-attendee.dto';
import { ProjectAttendeesService } from './project-attendees.service';

export class AttendeeParamsDto extends ProjectParamsDto {
  @IsUUID()
  attendeeId: string;
}

const ACCESS =
  'Callers: organizers of the project’s organization, its signup managers, the organization’s API keys (read-only keys: reads only) and Admins; anyone else gets 404.';

@ApiTags('projects')
@Controller('api/v1/projects/:teamSlug/:projectSlug/attendees')
export class ProjectAttendeesController {
  constructor(
    private readonly attendees: ProjectAttendeesService,
    private readonly batches: AttendeeBatchService,
  ) {}

  @Get()
  @Auth()
  @ApiOperation({
    summary: 'List a project’s attendees',
    description: `Paged (\`page\`, \`per_page\` ≤ 100), sorted (\`sort=-created_at,last_name\`), filtered (\`filter[field]=value\`) and with related resources (\`include=credentials,attendee_type,groups\`). An unknown field, sort or include is a 400. ${ACCESS}`,
  })
  @ApiOkResponse({ type: GxpAttendeeListDto })
  @ApiProblems(400, 404)
  list(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Query() query: GxpAttendeeQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.attendees.list(auth, params, query, request.url);
  }

  @Post('search')
  @HttpCode(200)
  @Auth({ readsOnly: true })
  @ApiOperation({
    summary: 'Search a project’s attendees',
    description: `\`filters\` (AND-ed, at most 20) of \`{ field, operator, value }\` with operators =, !=, <, >, <=, >=, like (\`%\` wildcard, case-insensitive on email and names), in, not in, is null, is not null, on the list’s fields and \`custom_fields.<key>\`; \`sort\` of \`{ field, direction }\`. Paging and \`include\` as query parameters, answered like the list. An unknown field, or an operator or value that does not fit the field, is a 400 pointing at it. ${ACCESS}`,
  })
  @ApiOkResponse({ type: GxpAttendeeListDto })
  @ApiProblems(400, 404)
  search(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Body() body: GxpAttendeeSearchDto,
    @Query() query: IncludeQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.attendees.search(auth, params, body, query, request.url);
  }

  @Post('batch')
  @Auth()
  @ApiOperation({
    summary: 'Create up to 1000 attendees at once',
    description: `All or nothing: if any item is invalid nothing is written, and the problem’s \`errors\` point at each failing item (\`/resources/3/custom_fields/company\`): 400 for bad shapes, 422 for custom fields or attendee types, 409 for emails already in the project (or twice in the batch). Seats are taken in input order; when they run out the rest go on the waiting list, or the whole batch is refused with 409 \`event-full\` if the project has none. Each attendee raises its own \`attendee.created\`. ${ACCESS}`,
  })
  @ApiOkResponse({ type: GxpAttendeeBatchDto })
  @ApiProblems(400, 403, 404, 409, 422)
  createMany(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Body() body: BatchCreateGxpAttendeesDto,
  ) {
    return this.batches.create(auth, params, body);
  }

  @Patch('batch')
  @Auth()
  @ApiOperation({
    summary: 'Update up to 1000 attendees at once',
    description: `\`resources\` maps attendee ids to PATCH bodies. All or nothing, with every failing id listed (404 for ids not in the project). Results in input order. ${ACCESS}`,
  })
  @ApiOkResponse({ type: GxpAttendeeBatchDto })
  @ApiProblems(400, 403, 404, 409, 422)
  updateMany(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Body() body: BatchUpdateGxpAttendeesDto,
  ) {
    return this.batches.update(auth, params, body.resources);
  }

  @Post()
  @Auth()
  @ApiOperation({
    summary: 'Create an attendee',
    description: `Takes a seat like any registration (the waiting list when the project is full, or 409 \`event-full\` without one). \`custom_fields\` are checked against the project’s definitions (422 with a pointer to each bad key); a duplicate email in the project is 409. Answers the attendee with its \`attendee_type\`. ${ACCESS}`,
  })
  @ApiOkResponse({ type: GxpAttendeeResponseDto })
  @ApiProblems(400, 403, 404, 409, 422)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Body() body: CreateGxpAttendeeDto,
  ) {
    return this.attendees.create(auth, params, body);
  }

  @Get(':attendeeId')
  @Auth()
  @ApiOperation({ summary: 'Read an attendee', description: ACCESS })
  @ApiOkResponse({ type: GxpAttendeeResponseDto })
  @ApiProblems(400, 404)
  get(
    @CurrentAuth() auth: AuthContext,
    @Param() { attendeeId, ...project }: AttendeeParamsDto,
    @Query() { include }: IncludeQueryDto,
  ) {
    return this.attendees.get(auth, project, attendeeId, include);
  }

  @Put(':attendeeId')
  @Auth()
  @ApiOperation({
    summary: 'Update an attendee (the fields given replace the old ones)',
    description: `\`custom_fields\`, when given, replaces all of them (required ones must be there). ${ACCESS}`,
  })
  @ApiOkResponse({ type: GxpAttendeeResponseDto })
  @ApiProblems(400, 403, 404, 409, 422)
  replace(
    @CurrentAuth() auth: AuthContext,
    @Param() { attendeeId, ...project }: AttendeeParamsDto,
    @Body() body: UpdateGxpAttendeeDto,
  ) {
    return this.attendees.update(auth, project, attendeeId, body, 'replace');
  }

  @Patch(':attendeeId')
  @Auth()
  @ApiOperation({
    summary: 'Partly update an attendee',
    description: `\`custom_fields\` are merged key by key; a key set to null is removed. ${ACCESS}`,
  })
  @ApiOkResponse({ type: GxpAttendeeResponseDto })
  @ApiProblems(400, 403, 404, 409, 422)
  patch(
    @CurrentAuth() auth: AuthContext,
    @Param() { attendeeId, ...project }: AttendeeParamsDto,
    @Body() body: UpdateGxpAttendeeDto,
  ) {
    return this.attendees.update(auth, project, attendeeId, body, 'merge');
  }

  @Delete(':attendeeId')
  @HttpCode(204)
  @Auth()
  @ApiOperation({
    summary: 'Delete an attendee',
    description: `Also removes its credentials, group memberships and custom field answers; its seat goes to the next on the waiting list. ${ACCESS}`,
  })
  @ApiProblems(400, 403, 404)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @Param() { attendeeId, ...project }: AttendeeParamsDto,
  ): Promise<void> {
    await this.attendees.remove(auth, project, attendeeId);
  }
}
