import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { type Bookable, SeatsService } from 'src/modules/events/seats.service';
import { toSnapshot } from './attendee.snapshot';
import { Registration } from './registration.entity';
import type { AttendeeSnapshot } from './registration.events';
import { duplicateRegistration, RegistrationError } from './registrations.error';
import { newAttendee, type Person, RegistrationsService } from './registrations.service';

/**
 * Books many people into one event at once (a GxP batch): one transaction, one seat update for the
 * whole batch, one multi-row INSERT (the ORM's batch size covers a full batch), one
 * `registration.created` per attendee. All or nothing.
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
        const now = Date.now();
        const attendees = people.map((person, index) => {
          const seated = index < granted;
          return newAttendee(tx, registration, bookable, person, {
            status: seated ? requested : 'WAITING_LIST',
            // A millisecond apart, so the waiting list keeps the batch's order.
            waitlistedAt: seated ? null : new Date(now + index),
          });
        });
        await tx.flush();
        for (const attendee of attendees) {
          await this.registrations.emit(tx, 'registration.created', attendee, bookable, null);
          if (attendee.status === 'WAITING_LIST') {
            await this.registrations.emit(tx, 'registration.waitlisted', attendee, bookable, null);
          }
        }
        return attendees.map(toSnapshot);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw duplicateRegistration(error);
      throw error;
    }
  }
}
