import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type EmitContext, TRANSACTIONAL_LISTENER } from '@turnout/common/events/typed-event-bus';
import type { EventsEvents } from 'src/modules/events/events.events';
import { AttendeeDirectory } from 'src/modules/registrations/attendee-directory.service';
import type { RegistrationEvent } from 'src/modules/registrations/registration.events';
import { type AttendeeEvents, AttendeesEventBus } from './attendee.events';

/**
 * Every registration change is an attendee change, made through any dialect: re-emitted as
 * `attendee.*` in the same transaction. A newcomer put straight on the waiting list raises
 * `registration.created` and `registration.waitlisted`, but it is one `attendee.created`.
 */
@Injectable()
export class AttendeeEventsListener {
  constructor(
    private readonly bus: AttendeesEventBus,
    private readonly directory: AttendeeDirectory,
  ) {}

  @OnEvent('registration.created', TRANSACTIONAL_LISTENER)
  onCreated(payload: RegistrationEvent, context: EmitContext): Promise<void> {
    return this.forward('attendee.created', payload, context);
  }

  @OnEvent('registration.updated', TRANSACTIONAL_LISTENER)
  @OnEvent('registration.cancelled', TRANSACTIONAL_LISTENER)
  @OnEvent('registration.promoted', TRANSACTIONAL_LISTENER)
  @OnEvent('registration.waitlisted', TRANSACTIONAL_LISTENER)
  async onChanged(payload: RegistrationEvent, context: EmitContext): Promise<void> {
    if (payload.previousStatus === null) return;
    await this.forward('attendee.updated', payload, context);
  }

  @OnEvent('registration.deleted', TRANSACTIONAL_LISTENER)
  onDeleted(payload: RegistrationEvent, context: EmitContext): Promise<void> {
    return this.forward('attendee.deleted', payload, context);
  }

  private forward(
    name: keyof AttendeeEvents,
    payload: RegistrationEvent,
    context: EmitContext,
  ): Promise<void> {
    return this.bus.emit(
      name,
      {
        attendee: payload.attendee,
        event: { id: payload.event.id, organizationId: payload.event.organizationId },
        occurredAt: payload.occurredAt,
      },
      context,
    );
  }

  @OnEvent('group.deleted', TRANSACTIONAL_LISTENER)
  async onGroupDeleted(
    { eventId, groupId }: EventsEvents['group.deleted'],
    { em }: EmitContext,
  ): Promise<void> {
    await this.directory.dropGroup(em, eventId, groupId);
  }
}
