import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IdParamDto } from '@turnout/common/http/id-param.dto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import { PageQueryDto } from '@turnout/common/pagination/page-query.dto';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import {
  CreateWebhookDto,
  DeliveryDto,
  DeliveryQueryDto,
  EventTypeDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types';
import { WebhooksService } from './webhooks.service';

/** The catalogue, each type with an example of the body a receiver gets. */
const EVENT_TYPE_LIST: EventTypeDto[] = Object.entries(WEBHOOK_EVENT_TYPES).map(
  ([type, { description, data }]) => ({
    type,
    description,
    example: { type, timestamp: '2026-05-01T09:30:00.123Z', data },
  }),
);

class DeliveryParamsDto extends IdParamDto {
  @IsUUID()
  deliveryId: string;
}

const WHO =
  'Callers: organizers of the organization (and its organizer API keys) and Admins; a signup manager for subscriptions scoped to an event they manage. Read-only keys read.';

@ApiTags('webhooks')
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('event-types')
  @Auth()
  @ApiOperation({
    summary: 'The event types a subscription may ask for',
    description:
      'Each delivery is a POST of `{ type, timestamp, data }` signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`).',
  })
  @ApiOkResponse({ type: [EventTypeDto], example: EVENT_TYPE_LIST })
  eventTypes(): EventTypeDto[] {
    return EVENT_TYPE_LIST;
  }

  @Post()
  @Auth()
  @ApiOperation({
    summary: 'Subscribe a URL to event types',
    description: `Answers the subscription with its \`secret\` (\`whsec_…\`), shown only now. The URL must be https and resolve to a public address (see WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOW_PRIVATE_NETWORKS): otherwise 422 \`invalid-url\`. ${WHO}`,
  })
  @ApiProblems(400, 403, 404, 422)
  create(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(auth, dto);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'List the subscriptions you may see', description: WHO })
  @ApiProblems(400)
  list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto) {
    return this.webhooks.list(auth, query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'Read a subscription', description: WHO })
  @ApiProblems(400, 404)
  get(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<WebhookDto> {
    return this.webhooks.get(auth, id);
  }

  @Patch(':id')
  @Auth()
  @ApiOperation({
    summary: 'Change a subscription (active: true re-enables a disabled one)',
    description: WHO,
  })
  @ApiProblems(400, 403, 404, 422)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth()
  @ApiOperation({ summary: 'Delete a subscription and its delivery log', description: WHO })
  @ApiProblems(400, 403, 404)
  async remove(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<void> {
    await this.webhooks.remove(auth, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Auth()
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description: `Answers the new secret. The old one keeps signing beside it (two \`v1,\` signatures) for WEBHOOK_ROTATION_HOURS. ${WHO}`,
  })
  @ApiProblems(400, 403, 404)
  rotate(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(auth, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Auth()
  @ApiOperation({ summary: 'Send a webhook.test event now', description: WHO })
  @ApiProblems(400, 403, 404)
  test(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<DeliveryDto> {
    return this.webhooks.sendTest(auth, id);
  }

  @Get(':id/deliveries')
  @Auth()
  @ApiOperation({
    summary: 'The delivery log',
    description: `Newest first, with every attempt (status, latency, error, the receiver's answer truncated). Filters: \`status\`, \`eventType\`. ${WHO}`,
  })
  @ApiProblems(400, 404)
  deliveries(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Query() query: DeliveryQueryDto,
  ) {
    return this.webhooks.deliveries(auth, id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @Auth()
  @ApiOperation({
    summary: 'Send a delivery again now (same webhook-id)',
    description: WHO,
  })
  @ApiProblems(400, 403, 404)
  redeliver(
    @CurrentAuth() auth: AuthContext,
    @Param() { id, deliveryId }: DeliveryParamsDto,
  ): Promise<DeliveryDto> {
    return this.webhooks.redeliver(auth, id, deliveryId);
  }
}
