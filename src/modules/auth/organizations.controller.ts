import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '@turnout/common/http/id-param.dto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { PageQueryDto } from '@turnout/common/pagination/page-query.dto';
import type { AuthContext } from './auth-context';
import { Auth } from './decorators/auth.decorator';
import { CurrentAuth } from './decorators/current-auth.decorator';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationPageDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('api/organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Auth({ roles: ['ADMIN'] })
  @ApiOperation({ summary: 'Create an organization (Admin)' })
  @ApiProblems(400, 409)
  create(@Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(dto);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Organizations: all of them for Admins, your own for everyone else' })
  @ApiProblems(400)
  list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: PageQueryDto,
  ): Promise<OrganizationPageDto> {
    return this.organizations.list(auth, query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'Read an organization (its members, Admins)' })
  @ApiProblems(400, 404)
  get(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<OrganizationDto> {
    return this.organizations.get(auth, id);
  }

  @Patch(':id')
  @Auth({ roles: ['ADMIN'] })
  @ApiOperation({ summary: 'Rename an organization or change its slug (Admin)' })
  @ApiProblems(400, 404, 409)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.update(auth, id, dto);
  }
}
