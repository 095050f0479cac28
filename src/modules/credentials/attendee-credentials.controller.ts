import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { numberedWindow, toNumberedPage } from '@turnout/common/pagination/numbered-page';
import { NumberedPageQueryDto } from '@turnout/common/pagination/numbered-page.dto';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { ProjectsService } from 'src/modules/events/projects.service';
import { CredentialsService } from './credentials.service';
import { toCredentialDto } from './credentials.mapper';
import { AttendeeParamsDto, CredentialParamsDto } from './dto/credential-params.dto';
import {
  CreateCredentialDto,
  CredentialPageDto,
  CredentialResponseDto,
} from './dto/credential.dto';

@ApiTags('projects: credentials')
@Controller('api/v1/projects/:teamSlug/:projectSlug/attendees/:attendeeId/credentials')
export class AttendeeCredentialsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly credentials: CredentialsService,
  ) {}

  @Get()
  @Auth()
  @ApiOperation({
    summary: 'List an attendee’s credentials',
    description: 'Oldest first. 404 `attendee-not-found` for an attendee not in the project.',
  })
  @ApiProblems(400, 404)
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param() { teamSlug, projectSlug, attendeeId }: AttendeeParamsDto,
    @Query() query: NumberedPageQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<CredentialPageDto> {
    const project = await this.projects.require(auth, teamSlug, projectSlug, 'inspect');
    const { items, total } = await this.credentials.list(
      project.eventId,
      attendeeId,
      numberedWindow(query),
    );
    return toNumberedPage(items.map(toCredentialDto), total, {
      page: query.page,
      perPage: query.per_page,
      url: request.url,
    });
  }

  @Post()
  @Auth()
  @ApiOperation({
    summary: 'Add a credential to an attendee',
    description:
      '`credential_type_id` defaults to the project’s `qr` type; another project’s type is 422 `unknown-credential-type`. Without `value`, an unguessable 24-character URL-safe token is generated. A value already in the project is 409 `credential-taken`. Emits `credential.created`.',
  })
  @ApiProblems(400, 403, 404, 409, 422)
  async create(
    @CurrentAuth() auth: AuthContext,
    @Param() { teamSlug, projectSlug, attendeeId }: AttendeeParamsDto,
    @Body() dto: CreateCredentialDto,
  ): Promise<CredentialResponseDto> {
    const project = await this.projects.require(auth, teamSlug, projectSlug, 'manage');
    const credential = await this.credentials.create(project, attendeeId, {
      credentialTypeId: dto.credential_type_id,
      value: dto.value,
    });
    return { data: toCredentialDto(credential) };
  }

  @Delete(':credentialId')
  @HttpCode(204)
  @Auth()
  @ApiOperation({
    summary: 'Remove a credential from an attendee',
    description:
      'Its value may then be given to someone else. Past scans of it stay in the check-in history. Emits `credential.deleted`.',
  })
  @ApiProblems(400, 403, 404)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @Param() { teamSlug, projectSlug, attendeeId, credentialId }: CredentialParamsDto,
  ): Promise<void> {
    const project = await this.projects.require(auth, teamSlug, projectSlug, 'manage');
    await this.credentials.remove(project, attendeeId, credentialId);
  }
}
