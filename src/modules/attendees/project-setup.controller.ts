import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { IsUUID } from 'class-validator';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { NumberedPageQueryDto } from '@turnout/common/pagination/numbered-page.dto';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { ProjectParamsDto } from 'src/modules/events/dto/project-params.dto';
import {
  GxpAttendeeBatchDto,
  GxpAttendeeListDto,
  GxpAttendeeQueryDto,
} from './dto/gxp-attendee.dto';
import {
  AttendeeTypeListDto,
  AttendeeTypeResponseDto,
  CreateAttendeeTypeDto,
  CreateCustomFieldDto,
  CreateGroupDto,
  CustomFieldListDto,
  CustomFieldResponseDto,
  GroupListDto,
  GroupMembersDto,
  GroupResponseDto,
  UpdateAttendeeTypeDto,
  UpdateCustomFieldDto,
  UpdateGroupDto,
} from './dto/project-setup.dto';
import { GroupMembersService } from './group-members.service';
import { ProjectSetupService } from './project-setup.service';

class ResourceParamsDto extends ProjectParamsDto {
  @IsUUID()
  id: string;
}

class MemberParamsDto extends ResourceParamsDto {
  @IsUUID()
  attendeeId: string;
}

const ref = ({ teamSlug, projectSlug }: ProjectParamsDto) => ({ teamSlug, projectSlug });

@ApiTags('projects')
@Controller('api/v1/projects/:teamSlug/:projectSlug/attendee-types')
export class AttendeeTypesController {
  constructor(private readonly setup: ProjectSetupService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List the project’s attendee types' })
  @ApiOkResponse({ type: AttendeeTypeListDto })
  @ApiProblems(400, 404)
  list(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Query() query: NumberedPageQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.setup.listTypes(auth, params, query, request.url);
  }

  @Post()
  @Auth()
  @ApiOperation({ summary: 'Create an attendee type (names are unique in the project: 409)' })
  @ApiOkResponse({ type: AttendeeTypeResponseDto })
  @ApiProblems(400, 403, 404, 409)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Body() body: CreateAttendeeTypeDto,
  ) {
    return this.setup.createType(auth, params, body);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'Read an attendee type' })
  @ApiOkResponse({ type: AttendeeTypeResponseDto })
  @ApiProblems(400, 404)
  get(@CurrentAuth() auth: AuthContext, @Param() params: ResourceParamsDto) {
    return this.setup.getType(auth, ref(params), params.id);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({ summary: 'Change an attendee type' })
  @ApiOkResponse({ type: AttendeeTypeResponseDto })
  @ApiProblems(400, 403, 404, 409)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ResourceParamsDto,
    @Body() body: UpdateAttendeeTypeDto,
  ) {
    return this.setup.updateType(auth, ref(params), params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth()
  @ApiOperation({
    summary: 'Delete an attendee type',
    description: 'A type attendees still have is 409.',
  })
  @ApiProblems(400, 403, 404, 409)
  async remove(@CurrentAuth() auth: AuthContext, @Param() params: ResourceParamsDto) {
    await this.setup.removeType(auth, ref(params), params.id);
  }
}

@ApiTags('projects')
@Controller('api/v1/projects/:teamSlug/:projectSlug/custom-fields')
export class CustomFieldsController {
  constructor(private readonly setup: ProjectSetupService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List the project’s custom field definitions (at most 100)' })
  @ApiOkResponse({ type: CustomFieldListDto })
  @ApiProblems(400, 404)
  list(@CurrentAuth() auth: AuthContext, @Param() params: ProjectParamsDto) {
    return this.setup.listFields(auth, params);
  }

  @Post()
  @Auth()
  @ApiOperation({
    summary: 'Define a custom field',
    description:
      'Types: text, number, boolean, date (YYYY-MM-DD), email, select and multiselect (both need `options`). Keys are unique in the project (409); options on a type that takes none, or none on a select, is 422.',
  })
  @ApiOkResponse({ type: CustomFieldResponseDto })
  @ApiProblems(400, 403, 404, 409, 422)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Body() body: CreateCustomFieldDto,
  ) {
    return this.setup.createField(auth, params, body);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'Read a custom field definition' })
  @ApiOkResponse({ type: CustomFieldResponseDto })
  @ApiProblems(400, 404)
  get(@CurrentAuth() auth: AuthContext, @Param() params: ResourceParamsDto) {
    return this.setup.getField(auth, ref(params), params.id);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({
    summary: 'Change a custom field’s label, options or required flag',
    description: 'The key and type are fixed once defined. Existing answers are not re-checked.',
  })
  @ApiOkResponse({ type: CustomFieldResponseDto })
  @ApiProblems(400, 403, 404, 422)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ResourceParamsDto,
    @Body() body: UpdateCustomFieldDto,
  ) {
    return this.setup.updateField(auth, ref(params), params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth()
  @ApiOperation({ summary: 'Delete a custom field definition' })
  @ApiProblems(400, 403, 404)
  async remove(@CurrentAuth() auth: AuthContext, @Param() params: ResourceParamsDto) {
    await this.setup.removeField(auth, ref(params), params.id);
  }
}

@ApiTags('projects')
@Controller('api/v1/projects/:teamSlug/:projectSlug/groups')
export class GroupsController {
  constructor(
    private readonly setup: ProjectSetupService,
    private readonly members: GroupMembersService,
  ) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List the project’s groups' })
  @ApiOkResponse({ type: GroupListDto })
  @ApiProblems(400, 404)
  list(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Query() query: NumberedPageQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.setup.listGroups(auth, params, query, request.url);
  }

  @Post()
  @Auth()
  @ApiOperation({ summary: 'Create a group (names are unique in the project: 409)' })
  @ApiOkResponse({ type: GroupResponseDto })
  @ApiProblems(400, 403, 404, 409)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ProjectParamsDto,
    @Body() body: CreateGroupDto,
  ) {
    return this.setup.createGroup(auth, params, body);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'Read a group' })
  @ApiOkResponse({ type: GroupResponseDto })
  @ApiProblems(400, 404)
  get(@CurrentAuth() auth: AuthContext, @Param() params: ResourceParamsDto) {
    return this.setup.getGroup(auth, ref(params), params.id);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({ summary: 'Rename or describe a group' })
  @ApiOkResponse({ type: GroupResponseDto })
  @ApiProblems(400, 403, 404, 409)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ResourceParamsDto,
    @Body() body: UpdateGroupDto,
  ) {
    return this.setup.updateGroup(auth, ref(params), params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth()
  @ApiOperation({ summary: 'Delete a group; its members leave it' })
  @ApiProblems(400, 403, 404)
  async remove(@CurrentAuth() auth: AuthContext, @Param() params: ResourceParamsDto) {
    await this.setup.removeGroup(auth, ref(params), params.id);
  }

  @Get(':id/attendees')
  @Auth()
  @ApiOperation({
    summary: 'List a group’s attendees',
    description: 'The attendee list (paging, sort, filter, include) limited to the group.',
  })
  @ApiOkResponse({ type: GxpAttendeeListDto })
  @ApiProblems(400, 404)
  listMembers(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ResourceParamsDto,
    @Query() query: GxpAttendeeQueryDto,
    @Req() request: FastifyRequest,
  ) {
    return this.members.list(auth, ref(params), params.id, query, request.url);
  }

  @Post(':id/attendees')
  @HttpCode(200)
  @Auth()
  @ApiOperation({
    summary: 'Add attendees to a group',
    description:
      'Answers the attendees with their `groups`. Ids not in the project are 404 and add nobody. Adding a member again changes nothing.',
  })
  @ApiOkResponse({ type: GxpAttendeeBatchDto })
  @ApiProblems(400, 403, 404)
  addMembers(
    @CurrentAuth() auth: AuthContext,
    @Param() params: ResourceParamsDto,
    @Body() body: GroupMembersDto,
  ) {
    return this.members.add(auth, ref(params), params.id, body.attendee_ids);
  }

  @Delete(':id/attendees/:attendeeId')
  @HttpCode(204)
  @Auth()
  @ApiOperation({ summary: 'Remove an attendee from a group' })
  @ApiProblems(400, 403, 404)
  async removeMember(@CurrentAuth() auth: AuthContext, @Param() params: MemberParamsDto) {
    await this.members.remove(auth, ref(params), params.id, params.attendeeId);
  }
}
