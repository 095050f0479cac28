import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { Public } from 'src/modules/auth/decorators/public.decorator';
import { Unthrottled } from 'src/modules/auth/decorators/unthrottled.decorator';
import { DatabaseHealth } from './database.health';
import { HealthError } from './health.error';

@ApiTags('health')
@Public()
@Unthrottled()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealth,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: the database answers and every migration is applied' })
  @ApiOkResponse({
    schema: {
      example: { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: {} },
    },
  })
  @ApiProblems(503)
  async ready() {
    try {
      return await this.health.check([() => this.database.check()]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as { details?: Record<string, unknown> };
      throw new HealthError('not-ready', 'A dependency is not ready', {
        checks: result.details ?? {},
      });
    }
  }
}
