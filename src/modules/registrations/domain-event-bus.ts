import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TypedEventBus } from '@turnout/common/events/typed-event-bus';
import type { RegistrationEvents } from './registration.events';

/** Emits the registrations module's typed domain events inside the unit of work that caused them. */
@Injectable()
export class RegistrationEventBus extends TypedEventBus<RegistrationEvents> {
  constructor(emitter: EventEmitter2) {
    super(emitter);
  }
}
