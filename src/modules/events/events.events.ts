import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TypedEventBus } from '@turnout/common/events/typed-event-bus';
import type { EventDto } from './dto/event.dto';

/** The events module's domain events, by name. */
export interface EventsEvents {
  /** A capacity went up (or became unlimited): seats may be free for the waiting list. */
  'event.capacity-raised': { eventId: string; occurrenceId: string | null };
  /** An event's details changed (through the management API). */
  'event.updated': { event: EventDto };
  /** A group is gone: its memberships go with it, in the same transaction. */
  'group.deleted': { eventId: string; groupId: string };
}

@Injectable()
export class EventsEventBus extends TypedEventBus<EventsEvents> {
  constructor(emitter: EventEmitter2) {
    super(emitter);
  }
}

/** Did a capacity change free seats? (null = unlimited) */
export const capacityRaised = (
  before: number | null | undefined,
  after: number | null | undefined,
): boolean =>
  before !== null &&
  before !== undefined &&
  (after === null || (after !== undefined && after > before));
