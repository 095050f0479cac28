import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { numberedWindow, toNumberedPage } from '@turnout/common/pagination/numbered-page';
import { NumberedPageQueryDto } from '@turnout/common/pagination/numbered-page.dto';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { ProjectParamsDto } from 'src/modules/events/dto/project-params.dto';
import { ProjectsService } from 'src/modules/events/projects.service';
import { CredentialTypesService } from './credential-types.service';
import { toCredentialTypeDto } from './credentials.mapper';
import {
  CreateCredentialTypeDto,
  CredentialTypePageDto,
  CredentialTypeResponseDto,
} from './dto/credential-type.dto';

@ApiTags('projects: credentials')
@Controller('api/v1/projects/:teamSlug/:projectSlug/credential-types')
export class CredentialTypesController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly types: CredentialTypesService,
  ) {}

  @Get()
  @Auth()
  @ApiOperation({
    summary: 'List the project’s credential types',
    description:
      'Every project has `barcode` (Barcode), `qr` (QR code), `rfid` (RFID) and `nfc` (NFC), plus the types it added. Oldest first.',
  })
  @ApiProblems(400, 404)
  async list(
    @CurrentAuth() auth: AuthContext,
    @Param() { teamSlug, projectSlug }: ProjectParamsDto,
    @Query() query: NumberedPageQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<CredentialTypePageDto> {
    const project = await this.projects.require(auth, teamSlug, projectSlug, 'inspect');
    const { items, total } = await this.types.list(project.eventId, numberedWindow(query));
    return toNumberedPage(items.map(toCredentialTypeDto), total, {
      page: query.page,
      perPage: query.per_page,
      url: request.url,
    });
  }

  @Post()
  @Auth()
  @ApiOperation({
    summary: 'Add a credential type to the project',
    description: 'Its `code` must be new in the project (409 `credential-type-code-taken`).',
  })
  @ApiProblems(400, 403, 404, 409)
  async create(
    @CurrentAuth() auth: AuthContext,
    @Param() { teamSlug, projectSlug }: ProjectParamsDto,
    @Body() dto: CreateCredentialTypeDto,
  ): Promise<CredentialTypeResponseDto> {
    const project = await this.projects.require(auth, teamSlug, projectSlug, 'manage');
    return { data: toCredentialTypeDto(await this.types.create(project.eventId, dto)) };
  }
}
