import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { type Bookable, type SeatTarget, SeatsService } from 'src/modules/events/seats.service';
import {
  type Actor,
  type AttendeeStatus,
  requireTransition,
  SEAT_HOLDING,
} from './attendee-status';
import { Attendee, type EmergencyContact } from './attendee.entity';
import { RegistrationEventBus } from './domain-event-bus';
import { Registration } from './registration.entity';
import type { RegistrationEvents } from './registration.events';
import { duplicateRegistration, RegistrationError } from './registrations.error';
import { toSnapshot } from './attendee.snapshot';
import type { AttendeeSnapshot } from './registration.events';
import { sqlRows, Statement } from '@turnout/common/database/sql';

/** Who is being registered. */
export interface Person {
  userId: string | null;
  externalUserId?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  fields?: Record<string, unknown>;
  attendeeTypeId?: string | null;
  emergencyContact?: EmergencyContact | null;
}

/** What a profile update may change; status changes go through changeStatus. */
export type ProfileChanges = Partial<
  Pick<
    Attendee,
    | 'firstName'
    | 'lastName'
    | 'email'
    | 'phone'
    | 'fields'
    | 'attendeeTypeId'
    | 'groupIds'
    | 'emergencyContact'
  >
>;

export interface BookingRequest {
  bookable: Bookable;
  person: Person;
  /** What the registrant asks for; a full event answers with WAITING_LIST (or 409 event-full). */
  requested: 'PENDING' | 'CONFIRMED';
  registrantUserId: string | null;
}

const MAX_PROMOTIONS_PER_CHANGE = 1_000;

/** A scan's admission: PENDING or CONFIRMED becomes ATTENDED, or nothing (see `admit`). */
const ADMIT = new Statement(
  'attendee-admit',
  `update attendees a
      set status = 'ATTENDED', checked_in_at = coalesce(a.checked_in_at, ?), updated_at = ?
     from events e
    where a.id = ? and a.status in ('PENDING', 'CONFIRMED') and a.deleted_at is null
      and e.id = a.event_id
   returning a.checked_in_at, a.updated_at, e.title`,
);

/** What a booking records of `person`: each detail not given is null (a single booking or a batch). */
export function personDetails(person: Person) {
  return {
    userId: person.userId,
    externalUserId: person.externalUserId ?? null,
    firstName: person.firstName ?? null,
    lastName: person.lastName ?? null,
    email: person.email ?? null,
    phone: person.phone ?? null,
    fields: person.fields ?? {},
    attendeeTypeId: person.attendeeTypeId ?? null,
    emergencyContact: person.emergencyContact ?? null,
  };
}

/** A new attendee entity for `person` in the booking `registration`. */
function newAttendee(
  tx: EntityManager,
  registration: Registration,
  bookable: Bookable,
  person: Person,
  placement: Pick<Attendee, 'status' | 'waitlistedAt'>,
): Attendee {
  return tx.create(Attendee, {
    registration,
    eventId: bookable.eventId,
    occurrenceId: bookable.occurrenceId,
    ...personDetails(person),
    ...placement,
  });
}

/**
 * The attendee lifecycle: capacity, waiting list and promotion. Every change runs in one
 * transaction whose seat changes are conditional UPDATEs on the capacity row (SeatsService), so the
 * count of seat-holders never exceeds the capacity, whatever the concurrency.
 */
@Injectable()
export class RegistrationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly seats: SeatsService,
    private readonly bus: RegistrationEventBus,
  ) {}

  async book(request: BookingRequest): Promise<Attendee> {
    const { bookable, person } = request;
    try {
      return await this.em.transactional(async (tx) => {
        const took = await this.seats.take(tx, bookable);
        if (!took && !bookable.waitlistEnabled) {
          throw new RegistrationError('event-full', `${bookable.eventTitle} has no seats left`, {
            capacity: bookable.capacity,
          });
        }
        const registration = tx.create(Registration, {
          registrantUserId: request.registrantUserId,
        });
        const attendee = newAttendee(tx, registration, bookable, person, {
          status: took ? request.requested : 'WAITING_LIST',
          waitlistedAt: took ? null : new Date(),
        });
        await tx.flush();
        await this.emit(tx, 'registration.created', attendee, bookable, null);
        if (!took) await this.emit(tx, 'registration.waitlisted', attendee, bookable, null);
        return attendee;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw duplicateRegistration(error);
      throw error;
    }
  }

  /**
   * Changes attendees' details (not their status) in one transaction: `decide` sees each one as
   * locked and answers its changes (or throws, and nothing is written). One `registration.updated`
   * per attendee. Unknown ids answer 404 naming them.
   */
  async updateProfiles(
    bookable: Bookable,
    ids: readonly string[],
    decide: (current: AttendeeSnapshot[]) => Map<string, ProfileChanges>,
  ): Promise<AttendeeSnapshot[]> {
    try {
      return await this.em.transactional(async (tx) => {
        const attendees = await tx.find(
          Attendee,
          { id: { $in: [...ids] }, eventId: bookable.eventId, deletedAt: null },
          { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const found = new Set(attendees.map((attendee) => attendee.id));
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length > 0) {
          throw new RegistrationError(
            'registration-not-found',
            `No attendee ${missing.join(', ')} in this event`,
            { missing },
          );
        }
        const changes = decide(attendees.map(toSnapshot));
        for (const attendee of attendees) tx.assign(attendee, changes.get(attendee.id) ?? {});
        await tx.flush();
        for (const attendee of attendees) {
          await this.emit(tx, 'registration.updated', attendee, bookable, attendee.status);
        }
        const byId = new Map(attendees.map((attendee) => [attendee.id, toSnapshot(attendee)]));
        return ids.map((id) => byId.get(id)!);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw duplicateRegistration(error);
      throw error;
    }
  }

  /**
   * Moves an attendee to `to`. Entering a seat-holding status competes for a seat like a newcomer
   * (a cancelled attendee coming back may land on the waiting list); leaving one frees the seat
   * and promotes the next in line, in the same transaction.
   */
  async changeStatus(
    attendeeId: string,
    bookable: Bookable,
    to: AttendeeStatus,
    actor: Actor,
    changes: Partial<Pick<Attendee, 'fields'>> = {},
    reason?: string,
  ): Promise<Attendee> {
    try {
      return await this.em.transactional((tx) =>
        this.applyStatus(tx, attendeeId, bookable, to, actor, changes, reason),
      );
    } catch (error) {
      // Reviving an old registration while a newer one is active: the one-active-per-person index decides.
      if (error instanceof UniqueConstraintViolationException) throw duplicateRegistration(error);
      throw error;
    }
  }

  private async applyStatus(
    tx: EntityManager,
    attendeeId: string,
    bookable: Bookable,
    to: AttendeeStatus,
    actor: Actor,
    changes: Partial<Pick<Attendee, 'fields'>>,
    reason?: string,
  ): Promise<Attendee> {
    {
      const attendee = await this.lockAttendee(tx, attendeeId);
      const from = attendee.status;
      requireTransition(from, to, actor);
      if (from === to) {
        // Same status: only the fields may change; nothing about seats or the lifecycle does.
        if (!changes.fields) return attendee;
        attendee.fields = changes.fields;
        await tx.flush();
        await this.emit(tx, 'registration.updated', attendee, bookable, from);
        return attendee;
      }
      let given = to;
      if (!SEAT_HOLDING.has(from) && SEAT_HOLDING.has(to)) {
        if (!(await this.seats.take(tx, bookable))) {
          if (from !== 'CANCELLED' || !bookable.waitlistEnabled) {
            throw new RegistrationError('event-full', `${bookable.eventTitle} has no seats left`);
          }
          given = 'WAITING_LIST';
        }
      }
      const now = new Date();
      attendee.status = given;
      if (changes.fields) attendee.fields = changes.fields;
      if (given === 'WAITING_LIST' && from !== 'WAITING_LIST') attendee.waitlistedAt = now;
      if (given === 'CONFIRMED' || given === 'CANCELLED') attendee.offerExpiresAt = null;
      if (given === 'CANCELLED') {
        attendee.cancelledAt = now;
        attendee.cancelReason = reason ?? (actor === 'attendee' ? 'attendee' : actor);
      } else if (from === 'CANCELLED') {
        attendee.cancelledAt = null;
        attendee.cancelReason = null;
      }
      if (given === 'ATTENDED' && !attendee.checkedInAt) attendee.checkedInAt = now;
      await tx.flush();

      const name: keyof RegistrationEvents =
        given === 'CANCELLED'
          ? 'registration.cancelled'
          : given === 'WAITING_LIST'
            ? 'registration.waitlisted'
            : 'registration.updated';
      await this.emit(tx, name, attendee, bookable, from);
      if (SEAT_HOLDING.has(from) && !SEAT_HOLDING.has(given)) {
        await this.seats.release(tx, bookable);
        await this.promote(tx, bookable);
      }
      return attendee;
    }
  }

  /**
   * A door scan's first entry, in the scan's transaction `tx`: PENDING or CONFIRMED → ATTENDED in
   * one conditional UPDATE (both hold a seat, so no seat moves). Null when the attendee is no
   * longer in one of those statuses: a concurrent change got there first.
   */
  async admit(
    tx: EntityManager,
    attendee: AttendeeSnapshot,
    organizationId: string,
  ): Promise<AttendeeSnapshot | null> {
    requireTransition(attendee.status, 'ATTENDED', 'system');
    const now = new Date();
    const [row] = await sqlRows<{
      checked_in_at: Date | string;
      updated_at: Date | string;
      title: string;
    }>(tx, ADMIT, [now, now, attendee.id]);
    if (!row) return null;
    const admitted: AttendeeSnapshot = {
      ...attendee,
      status: 'ATTENDED',
      checkedInAt: new Date(row.checked_in_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
    await this.bus.emit(
      'registration.updated',
      {
        attendee: admitted,
        event: { id: attendee.eventId, organizationId, title: row.title },
        previousStatus: attendee.status,
        occurredAt: now.toISOString(),
      },
      { em: tx },
    );
    return admitted;
  }

  /** Deletes a registration (soft: kept with deletedAt; hard: gone), freeing its seat for the next in line. */
  async remove(attendeeId: string, bookable: Bookable, mode: 'soft' | 'hard'): Promise<Attendee> {
    return this.em.transactional(async (tx) => {
      const attendee = await this.lockAttendee(tx, attendeeId);
      const heldSeat = SEAT_HOLDING.has(attendee.status);
      if (mode === 'soft') attendee.deletedAt = new Date();
      else tx.remove(attendee);
      await tx.flush();
      await this.emit(tx, 'registration.deleted', attendee, bookable, attendee.status);
      if (heldSeat) {
        await this.seats.release(tx, bookable);
        await this.promote(tx, bookable);
      }
      return attendee;
    });
  }

  /**
   * Fills free seats from the waiting list, earliest first: AUTO_CONFIRM confirms, OFFER holds the
   * seat as PENDING until offerExpiresAt. SKIP LOCKED lets concurrent promotions take different people.
   */
  async promote(tx: EntityManager, bookable: Bookable): Promise<number> {
    let promoted = 0;
    while (promoted < MAX_PROMOTIONS_PER_CHANGE) {
      const [next] = await tx.find(
        Attendee,
        {
          eventId: bookable.eventId,
          occurrenceId: bookable.occurrenceId,
          status: 'WAITING_LIST',
          deletedAt: null,
        },
        {
          orderBy: { waitlistedAt: 'asc', id: 'asc' },
          limit: 1,
          lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
        },
      );
      if (!next || !(await this.seats.take(tx, bookable))) break;
      const offer = bookable.waitlistPolicy === 'OFFER';
      next.status = offer ? 'PENDING' : 'CONFIRMED';
      next.offerExpiresAt = offer
        ? new Date(Date.now() + (bookable.offerTtlMinutes ?? 60) * 60_000)
        : null;
      await tx.flush();
      await this.emit(tx, 'registration.promoted', next, bookable, 'WAITING_LIST');
      promoted++;
    }
    return promoted;
  }

  /** Lapses offers past their expiry and offers the seats on; safe with several instances (SKIP LOCKED). */
  async lapseExpiredOffers(
    bookableOf: (target: SeatTarget, tx: EntityManager) => Promise<Bookable | null>,
    limit = 100,
  ) {
    return this.em.fork().transactional(async (tx) => {
      const expired = await tx.find(
        Attendee,
        { status: 'PENDING', offerExpiresAt: { $lte: new Date() }, deletedAt: null },
        { orderBy: { offerExpiresAt: 'asc' }, limit, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      for (const attendee of expired) {
        const bookable = await bookableOf(
          { eventId: attendee.eventId, occurrenceId: attendee.occurrenceId ?? null },
          tx,
        );
        attendee.status = 'CANCELLED';
        attendee.cancelledAt = new Date();
        attendee.cancelReason = 'offer-expired';
        attendee.offerExpiresAt = null;
        await tx.flush();
        if (!bookable) continue;
        await this.emit(tx, 'registration.cancelled', attendee, bookable, 'PENDING');
        await this.seats.release(tx, bookable);
        await this.promote(tx, bookable);
      }
      return expired.length;
    });
  }

  private async lockAttendee(tx: EntityManager, id: string): Promise<Attendee> {
    const attendee = await tx.findOne(
      Attendee,
      { id, deletedAt: null },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!attendee)
      throw new RegistrationError('registration-not-found', `Registration ${id} does not exist`);
    return attendee;
  }

  emit(
    tx: EntityManager,
    name: keyof RegistrationEvents,
    attendee: Attendee,
    bookable: Bookable,
    previousStatus: AttendeeStatus | null,
  ): Promise<void> {
    return this.announce(tx, name, toSnapshot(attendee), bookable, previousStatus);
  }

  /** `emit` for an attendee written without an entity (a batch's). */
  announce(
    tx: EntityManager,
    name: keyof RegistrationEvents,
    attendee: AttendeeSnapshot,
    bookable: Bookable,
    previousStatus: AttendeeStatus | null,
  ): Promise<void> {
    return this.bus.emit(
      name,
      {
        attendee,
        event: {
          id: bookable.eventId,
          organizationId: bookable.organizationId,
          title: bookable.eventTitle,
        },
        previousStatus,
        occurredAt: new Date().toISOString(),
      },
      { em: tx },
    );
  }
}
