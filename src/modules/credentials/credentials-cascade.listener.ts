import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type EmitContext, TRANSACTIONAL_LISTENER } from '@turnout/common/events/typed-event-bus';
import type { RegistrationEvents } from 'src/modules/registrations/registration.events';
import { CredentialsService } from './credentials.service';

/** "Deleting an attendee also removes associated credentials": in the deleting transaction. */
@Injectable()
export class CredentialsCascadeListener {
  constructor(private readonly credentials: CredentialsService) {}

  // Errors propagate: a cascade that fails must fail (and roll back) the deletion.
  @OnEvent('registration.deleted', TRANSACTIONAL_LISTENER)
  async onRegistrationDeleted(
    { attendee, event }: RegistrationEvents['registration.deleted'],
    { em }: EmitContext,
  ): Promise<void> {
    await this.credentials.removeAllOf(em, attendee.id, {
      id: event.id,
      organizationId: event.organizationId,
    });
  }
}
