import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { AppConfig } from 'src/config/app-config';
import { AuthError } from 'src/modules/auth/auth.error';
import { Public } from 'src/modules/auth/decorators/public.decorator';
import { Unthrottled } from 'src/modules/auth/decorators/unthrottled.decorator';
import { MetricsService } from './metrics.service';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

@ApiTags('metrics')
@Public()
@Unthrottled()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Public unless METRICS_TOKEN is set; then send `Authorization: Bearer <METRICS_TOKEN>`.',
  })
  @ApiSecurity('metrics-token')
  @ApiOkResponse({ content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiProblems(401)
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const { token } = this.config.metrics;
    if (token && !sameSecret(authorization ?? '', `Bearer ${token}`)) {
      throw new AuthError('unauthenticated', 'Send Authorization: Bearer <METRICS_TOKEN>');
    }
    return this.metrics.registry.metrics();
  }
}
