import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type EmitContext, TRANSACTIONAL_LISTENER } from '@turnout/common/events/typed-event-bus';
import type { AttendeeEvent } from 'src/modules/attendees/attendee.events';
import type {
  AttendeeCheckedInEvent,
  CredentialEvent,
} from 'src/modules/credentials/credentials.events';
import type { EventsEvents } from 'src/modules/events/events.events';
import type { RegistrationEvent } from 'src/modules/registrations/registration.events';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookPayloads } from './webhook-payloads';

/**
 * Every domain event a subscription may ask for becomes outbox rows in the emitting transaction.
 * Errors propagate: if the outbox cannot be written, the change does not happen either.
 */
@Injectable()
export class WebhookOutboxListener {
  constructor(
    private readonly outbox: WebhookOutbox,
    private readonly payloads: WebhookPayloads,
  ) {}

  @OnEvent('attendee.created', TRANSACTIONAL_LISTENER)
  attendeeCreated(event: AttendeeEvent, { em }: EmitContext) {
    return this.outbox.enqueue(em, 'attendee.created', scopeOf(event), () =>
      this.payloads.attendee(event, em),
    );
  }

  @OnEvent('attendee.updated', TRANSACTIONAL_LISTENER)
  attendeeUpdated(event: AttendeeEvent, { em }: EmitContext) {
    return this.outbox.enqueue(em, 'attendee.updated', scopeOf(event), () =>
      this.payloads.attendee(event, em),
    );
  }

  @OnEvent('attendee.deleted', TRANSACTIONAL_LISTENER)
  attendeeDeleted(event: AttendeeEvent, { em }: EmitContext) {
    return this.outbox.enqueue(em, 'attendee.deleted', scopeOf(event), () =>
      this.payloads.attendee(event, em),
    );
  }

  @OnEvent('attendee.checked_in', TRANSACTIONAL_LISTENER)
  checkedIn(event: AttendeeCheckedInEvent, { em }: EmitContext) {
    return this.outbox.enqueue(em, 'attendee.checked_in', scopeOf(event), () =>
      this.payloads.checkIn(event, em),
    );
  }

  @OnEvent('registration.created', TRANSACTIONAL_LISTENER)
  registrationCreated(event: RegistrationEvent, context: EmitContext) {
    return this.registration('registration.created', event, context);
  }

  @OnEvent('registration.updated', TRANSACTIONAL_LISTENER)
  registrationUpdated(event: RegistrationEvent, context: EmitContext) {
    return this.registration('registration.updated', event, context);
  }

  @OnEvent('registration.cancelled', TRANSACTIONAL_LISTENER)
  registrationCancelled(event: RegistrationEvent, context: EmitContext) {
    return this.registration('registration.cancelled', event, context);
  }

  @OnEvent('registration.waitlisted', TRANSACTIONAL_LISTENER)
  registrationWaitlisted(event: RegistrationEvent, context: EmitContext) {
    return this.registration('registration.waitlisted', event, context);
  }

  @OnEvent('registration.promoted', TRANSACTIONAL_LISTENER)
  registrationPromoted(event: RegistrationEvent, context: EmitContext) {
    return this.registration('registration.promoted', event, context);
  }

  @OnEvent('registration.deleted', TRANSACTIONAL_LISTENER)
  registrationDeleted(event: RegistrationEvent, context: EmitContext) {
    return this.registration('registration.deleted', event, context);
  }

  @OnEvent('credential.created', TRANSACTIONAL_LISTENER)
  credentialCreated(event: CredentialEvent, { em }: EmitContext) {
    return this.outbox.enqueue(em, 'credential.created', scopeOf(event), () =>
      this.payloads.credential(event),
    );
  }

  @OnEvent('credential.deleted', TRANSACTIONAL_LISTENER)
  credentialDeleted(event: CredentialEvent, { em }: EmitContext) {
    return this.outbox.enqueue(em, 'credential.deleted', scopeOf(event), () =>
      this.payloads.credential(event),
    );
  }

  @OnEvent('event.updated', TRANSACTIONAL_LISTENER)
  eventUpdated(event: EventsEvents['event.updated'], { em }: EmitContext) {
    const scope = { organizationId: event.event.organizationId, eventId: event.event.id };
    return this.outbox.enqueue(em, 'event.updated', scope, () => this.payloads.event(event));
  }

  private registration(type: string, event: RegistrationEvent, { em }: EmitContext) {
    return this.outbox.enqueue(em, type, scopeOf(event), () => this.payloads.registration(event));
  }
}

const scopeOf = (event: { event: { id: string; organizationId: string } }) => ({
  organizationId: event.event.organizationId,
  eventId: event.event.id,
});
