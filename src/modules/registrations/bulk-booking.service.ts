import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { sqlRows, Statement } from '@turnout/common/database/sql';
import { type Bookable, SeatsService } from 'src/modules/events/seats.service';
import { Registration } from './registration.entity';
import type { AttendeeSnapshot } from './registration.events';
import { duplicateRegistration, RegistrationError } from './registrations.error';
import { type Person, personDetails, RegistrationsService } from './registrations.service';

/**
 * A batch's attendees in one statement, outside the unit of work: the rows travel as one JSON
 * array of the snapshots the listeners get (values bound, one parameter whatever the batch size;
 * `jsonb_to_recordset` reads the keys it names, camelCase quoted).
 */
const INSERT_ATTENDEES = new Statement(
  'attendees-insert-batch',
  `insert into attendees
     (id, registration_id, event_id, occurrence_id, user_id, external_user_id, first_name,
      last_name, email, phone, fields, attendee_type_id, emergency_contact, status, waitlisted_at,
      created_at, updated_at)
   select a.id, a."registrationId", a."eventId", a."occurrenceId", a."userId", a."externalUserId",
      a."firstName", a."lastName", a.email, a.phone, a.fields, a."attendeeTypeId",
      a."emergencyContact", a.status, a."waitlistedAt", a."createdAt", a."updatedAt"
   from jsonb_to_recordset(?::jsonb) as a(id uuid, "registrationId" uuid, "eventId" uuid,
      "occurrenceId" uuid, "userId" uuid, "externalUserId" text, "firstName" text,
      "lastName" text, email text, phone text, fields jsonb, "attendeeTypeId" uuid,
      "emergencyContact" jsonb, status text, "waitlistedAt" timestamptz, "createdAt" timestamptz,
      "updatedAt" timestamptz)`,
);

/**
 * Books many people into one event at once (a GxP batch): one transaction, one seat update for the
 * whole batch, one INSERT of all its attendees, one `registration.created` per attendee. All or
 * nothing.
 */
@Injectable()
export class BulkBookingService {
  constructor(
    private readonly em: EntityManager,
    private readonly seats: SeatsService,
    private readonly registrations: RegistrationsService,
  ) {}

  /**
   * Seats go to the first people in input order; with a waiting list the rest wait in that order,
   * else the whole batch is refused (409 event-full) and nothing is written.
   */
  async bookMany(
    bookable: Bookable,
    people: readonly Person[],
    requested: 'PENDING' | 'CONFIRMED',
    registrantUserId: string | null,
  ): Promise<AttendeeSnapshot[]> {
    try {
      return await this.em.transactional(async (tx) => {
        const granted = await this.seats.takeUpTo(tx, bookable, people.length);
        if (granted < people.length && !bookable.waitlistEnabled) {
          throw new RegistrationError(
            'event-full',
            `${bookable.eventTitle} has ${granted} seat(s) left for ${people.length} attendees`,
            { seatsLeft: granted, requested: people.length },
          );
        }
        const registration = tx.create(Registration, { registrantUserId });
        await tx.flush();
        const now = Date.now();
        const createdAt = new Date(now).toISOString();
        const attendees = people.map((person, index): AttendeeSnapshot => {
          const seated = index < granted;
          return {
            id: randomUUID(),
            registrationId: registration.id,
            eventId: bookable.eventId,
            occurrenceId: bookable.occurrenceId,
            ...personDetails(person),
            groupIds: [],
            status: seated ? requested : 'WAITING_LIST',
            // A millisecond apart, so the waiting list keeps the batch's order.
            waitlistedAt: seated ? null : new Date(now + index).toISOString(),
            offerExpiresAt: null,
            cancelledAt: null,
            cancelReason: null,
            checkedInAt: null,
            createdAt,
            updatedAt: createdAt,
            deletedAt: null,
          };
        });
        // The one-active-per-person indexes answer with the ORM's UniqueConstraintViolationException
        // (sqlRows converts), as for a single booking.
        await sqlRows(tx, INSERT_ATTENDEES, [JSON.stringify(attendees)]);
        for (const attendee of attendees) {
          await this.registrations.announce(tx, 'registration.created', attendee, bookable, null);
          if (attendee.status === 'WAITING_LIST') {
            await this.registrations.announce(
              tx,
              'registration.waitlisted',
              attendee,
              bookable,
              null,
            );
          }
        }
        return attendees;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw duplicateRegistration(error);
      throw error;
    }
  }
}
