import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TypedEventBus } from '@turnout/common/events/typed-event-bus';
import type { AttendeeSnapshot } from 'src/modules/registrations/registration.events';

export interface AttendeeEvent {
  attendee: AttendeeSnapshot;
  event: { id: string; organizationId: string };
  occurredAt: string;
}

/**
 * The attendee record's own events, whatever dialect changed it: the webhooks module sends them as
 * `attendee.created` and friends, the realtime module as `AttendeeCreated` / `AttendeeUpdated`.
 */
export interface AttendeeEvents {
  'attendee.created': AttendeeEvent;
  'attendee.updated': AttendeeEvent;
  'attendee.deleted': AttendeeEvent;
}

@Injectable()
export class AttendeesEventBus extends TypedEventBus<AttendeeEvents> {
  constructor(emitter: EventEmitter2) {
    super(emitter);
  }
}
