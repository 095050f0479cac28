import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import {
  type AttendeeTypeView,
  AttendeeTypesService,
} from 'src/modules/events/attendee-types.service';
import { isoSeconds } from '@turnout/common/text/iso-seconds';
import type { AttendeeEvent } from 'src/modules/attendees/attendee.events';
import { ProjectAttendeesService } from 'src/modules/attendees/project-attendees.service';
import type {
  AttendeeCheckedInEvent,
  CredentialEvent,
} from 'src/modules/credentials/credentials.events';
import type { EventsEvents } from 'src/modules/events/events.events';
import { EventRegistrationsService } from 'src/modules/registrations/event-registrations.service';
import type { RegistrationEvent } from 'src/modules/registrations/registration.events';

/** Attendee types read in each transaction, by id. */
const typesByTransaction = new WeakMap<
  object,
  Map<string, Promise<AttendeeTypeView | undefined>>
>();

/** Where a change happened: who may subscribe to it. */
export interface ChangeScope {
  organizationId: string;
  eventId: string;
}

/**
 * The `data` of each event type: the full resource as the API that owns it renders it, so a
 * receiver needs no second request. Resources carry `updated_at` (or `updatedAt`) so receivers can
 * drop stale deliveries: ordering is not guaranteed.
 */
@Injectable()
export class WebhookPayloads {
  constructor(
    private readonly attendeeTypes: AttendeeTypesService,
    private readonly attendees: ProjectAttendeesService,
    private readonly registrations: EventRegistrationsService,
  ) {}

  /**
   * `tx`: the emitting transaction, whose attendee types are read once however many attendees it
   * changes (a batch of 1000 used to look its type up 1000 times).
   */
  async attendee(
    { attendee }: Pick<AttendeeEvent, 'attendee'>,
    tx: EntityManager,
  ): Promise<unknown> {
    const [data] = await this.attendees.render(
      attendee.eventId,
      [attendee],
      new Set(['attendee_type']),
      (ids) => this.typesIn(tx, ids),
    );
    return data;
  }

  private async typesIn(tx: EntityManager, ids: string[]): Promise<Map<string, AttendeeTypeView>> {
    const key = tx.getTransactionContext<object>() ?? tx;
    let cache = typesByTransaction.get(key);
    if (!cache)
      typesByTransaction.set(
        key,
        (cache = new Map<string, Promise<AttendeeTypeView | undefined>>()),
      );
    const known = cache;
    const views = await Promise.all(
      ids.map((id) => {
        let view = known.get(id);
        if (!view) {
          view = this.attendeeTypes.byIds([id]).then((found) => found.get(id));
          known.set(id, view);
        }
        return view;
      }),
    );
    return new Map(views.flatMap((view) => (view ? [[view.id, view] as const] : [])));
  }

  async checkIn(
    { checkIn, attendee }: AttendeeCheckedInEvent,
    tx: EntityManager,
  ): Promise<unknown> {
    return {
      check_in: {
        id: checkIn.id,
        attendee_id: checkIn.attendeeId,
        credential_id: checkIn.credentialId,
        direction: checkIn.direction,
        gate: checkIn.gate,
        nonce: checkIn.nonce,
        scanned_at: isoSeconds(new Date(checkIn.scannedAt)),
        scanned_by: checkIn.scannedBy,
      },
      attendee: await this.attendee({ attendee }, tx),
    };
  }

  async registration({ attendee }: RegistrationEvent): Promise<unknown> {
    const [data] = await this.registrations.renderSnapshots([attendee]);
    return data;
  }

  credential({ credential }: CredentialEvent): unknown {
    return {
      id: credential.id,
      attendee_id: credential.attendeeId,
      credential_type_id: credential.credentialTypeId,
      value: credential.value,
      created_at: isoSeconds(new Date(credential.createdAt)),
    };
  }

  event({ event }: EventsEvents['event.updated']): unknown {
    return event;
  }
}
