import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IdParamDto } from '@turnout/common/http/id-param.dto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { ApiKeysService } from './api-keys.service';
import type { AuthContext } from './auth-context';
import { Auth } from './decorators/auth.decorator';
import { CurrentAuth } from './decorators/current-auth.decorator';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';

class ApiKeyQuery {
  /** Admins: only this organization's keys. */
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

@ApiTags('api-keys')
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({
    summary: 'Create an API key for an organization',
    description:
      'The key (`tk_…`) is in the response once and never again; only its hash is stored.',
  })
  @ApiProblems(400, 404, 422)
  create(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(auth, dto);
  }

  @Get()
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'List API keys: your organization’s, or any (Admin)' })
  @ApiProblems(400)
  list(@CurrentAuth() auth: AuthContext, @Query() query: ApiKeyQuery): Promise<ApiKeyDto[]> {
    return this.apiKeys.list(auth, query.organizationId);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'Revoke an API key: it gets 401 from now on' })
  @ApiProblems(400, 404)
  revoke(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<void> {
    return this.apiKeys.revoke(auth, id);
  }
}
