import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '@turnout/common/pagination/page-meta.dto';
import {
  EVENT_STATUSES,
  type EventStatus,
  WAITLIST_POLICIES,
  type WaitlistPolicy,
} from '../event.entity';

/** An event (a signup in seed 001, a project in seed 003). */
export class EventDto {
  id: string;
  organizationId: string;
  /** Unique within the organization. */
  slug: string;
  title: string;
  description: string | null;
  @ApiProperty({ enum: EVENT_STATUSES })
  status: EventStatus;
  startsAt: Date | null;
  endsAt: Date | null;
  /** Seats when the event has no occurrences; null = unlimited. */
  capacity: number | null;
  /** Whether newcomers to a full event join a waiting list (otherwise they are refused). */
  waitlistEnabled: boolean;
  /** AUTO_CONFIRM confirms the next in line when a seat frees; OFFER offers it for offerTtlMinutes. */
  @ApiProperty({ enum: WAITLIST_POLICIES })
  waitlistPolicy: WaitlistPolicy;
  offerTtlMinutes: number | null;
  /** Attendees must give an emergency contact to be complete. */
  requiresEmergencyContact: boolean;
  categoryIds: string[];
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** `GET /api/events/{id}`: the event, with its attendances (seed 000). */
export class EventDetailDto extends EventDto {
  /** The event's attendances, in every status (seed 000 AttendanceDto). */
  @ApiPropertyOptional({ type: 'array', items: { $ref: '#/components/schemas/AttendanceDto' } })
  attendances?: unknown[];
  /** Seats held (PENDIENTE, CONFIRMADO, attended): usable to track capacity. */
  attendancesCount?: number;
}

export class EventPageDto {
  data: EventDto[];
  meta: PageMetaDto;
}
