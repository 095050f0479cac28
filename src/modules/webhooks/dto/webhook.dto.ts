import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { PageQueryDto } from '@turnout/common/pagination/page-query.dto';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../webhook-delivery.entity';
import { WEBHOOK_EVENT_TYPE_NAMES } from '../webhook-event-types';
import { IsOmittable } from '@turnout/common/validation/is-omittable';

const EVENT_CHOICES = ['*', ...WEBHOOK_EVENT_TYPE_NAMES];

export class CreateWebhookDto {
  /** Where deliveries are POSTed: https (http only with WEBHOOK_ALLOW_HTTP), a public address. */
  @IsString()
  @MaxLength(2000)
  url: string;

  /** Event types to receive, or `["*"]` for all of them (see GET /api/webhooks/event-types). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsIn(EVENT_CHOICES, { each: true })
  @ApiProperty({ type: [String], example: ['attendee.created'] })
  events: string[];

  /** Only this event's changes (a signup manager must name one of theirs). Omitted: the whole organization's. */
  @IsOmittable()
  @IsUUID()
  eventId?: string;

  /** The organization, for Admins (everyone else subscribes for their own). */
  @IsOmittable()
  @IsUUID()
  organizationId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** Default true. */
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class UpdateWebhookDto {
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsIn(EVENT_CHOICES, { each: true })
  @ApiPropertyOptional({ type: [String] })
  events?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** Re-enabling clears the reason Turnout disabled it for. */
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class WebhookDto {
  id: string;
  organizationId: string;
  eventId: string | null;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  /** Why Turnout disabled it (410 Gone, failing for days). */
  disabledReason: string | null;
  /** Since when every delivery has failed; null after a success. */
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Only on creation and rotation: keep it, it is not shown again. */
export class WebhookWithSecretDto extends WebhookDto {
  /** `whsec_…`: verify deliveries with it (Standard Webhooks). */
  secret: string;
}

export class DeliveryQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  status?: DeliveryStatus;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  eventType?: string;
}

export class DeliveryAttemptDto {
  attemptedAt: Date;
  responseStatus: number | null;
  latencyMs: number;
  error: string | null;
  /** The receiver's answer, truncated to 4 KiB. */
  responseBody: string | null;
}

export class DeliveryDto {
  /** Also the `webhook-id` header: stable across retries. */
  id: string;
  eventType: string;
  @ApiProperty({ enum: DELIVERY_STATUSES })
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;
  attemptLog: DeliveryAttemptDto[];
}

export class EventTypeDto {
  type: string;
  /** What `data` holds. */
  description: string;
  /** A delivery's body for this type: `{ type, timestamp, data }`. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  example: { type: string; timestamp: string; data: unknown };
}
