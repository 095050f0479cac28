import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import type { EventScope } from 'src/modules/auth/access.service';
import { MANAGERS } from './event-scopes';
import type { WaitlistPolicy } from './event.entity';
import { sqlRows } from '@turnout/common/database/sql';

/** Where a registration's seat is counted: the occurrence when there is one, else the event. */
export interface SeatTarget {
  eventId: string;
  occurrenceId: string | null;
}

/** What the registrations module needs to know about the event (and occurrence) it books into. */
export interface Bookable extends SeatTarget {
  organizationId: string;
  eventTitle: string;
  isPublic: boolean;
  capacity: number | null;
  seatsHeld: number;
  waitlistEnabled: boolean;
  waitlistPolicy: WaitlistPolicy;
  offerTtlMinutes: number | null;
  /** The event's signup managers: with the rest, who may book into it (`scopeOf`). */
  managerUserIds: readonly string[];
}

/** The access scope of a bookable's event, read with it: no second lookup to check the caller. */
export const scopeOf = (bookable: Bookable): EventScope => ({
  id: bookable.eventId,
  organizationId: bookable.organizationId,
  isPublic: bookable.isPublic,
  managerUserIds: bookable.managerUserIds,
});

const table = (target: SeatTarget) =>
  target.occurrenceId
    ? { name: 'occurrences', id: target.occurrenceId }
    : { name: 'events', id: target.eventId };

/**
 * The seat counters of events and occurrences. Every change is one conditional UPDATE inside the
 * caller's transaction: it takes the row lock, so concurrent bookings serialise on the capacity row,
 * and the CHECK (seats_held <= capacity) backs it up. Never read-then-write.
 */
@Injectable()
export class SeatsService {
  /** Takes a seat if one is free; false when the target is full. */
  async take(em: EntityManager, target: SeatTarget): Promise<boolean> {
    const { name, id } = table(target);
    const rows = await sqlRows(
      em,
      `update ${name} set seats_held = seats_held + 1 where id = ? and (capacity is null or seats_held < capacity) returning id`,
      [id],
    );
    return rows.length === 1;
  }

  /**
   * Takes up to `wanted` seats at once (a batch): answers how many it got, from 0 to `wanted`. The
   * CTE locks the row first, so the grant is computed from the value no one else can change.
   */
  async takeUpTo(em: EntityManager, target: SeatTarget, wanted: number): Promise<number> {
    const { name, id } = table(target);
    const [row] = await sqlRows<{ granted: number | string }>(
      em,
      `with current_row as (select id, capacity, seats_held from ${name} where id = ? for update)
       update ${name} t
          set seats_held = t.seats_held + least(?::int, coalesce(c.capacity - c.seats_held, ?::int))
         from current_row c
        where t.id = c.id
       returning t.seats_held - c.seats_held as granted`,
      [id, wanted, wanted],
    );
    return row ? Number(row.granted) : 0;
  }

  async release(em: EntityManager, target: SeatTarget, count = 1): Promise<void> {
    const { name, id } = table(target);
    await sqlRows(em, `update ${name} set seats_held = greatest(seats_held - ?, 0) where id = ?`, [
      count,
      id,
    ]);
  }

  /** The event or occurrence to book into, or null if it does not exist (or its event is deleted). */
  async bookable(
    em: EntityManager,
    target: { eventId?: string; occurrenceId?: string | null },
  ): Promise<Bookable | null> {
    const columns = `e.id as event_id, e.organization_id, e.title, e.status, e.waitlist_enabled,
      e.waitlist_policy, e.offer_ttl_minutes, ${MANAGERS} as managers`;
    const [row] = target.occurrenceId
      ? await sqlRows<Record<string, unknown>>(
          em,
          `select ${columns}, o.id as occurrence_id, o.capacity, o.seats_held
             from occurrences o join events e on e.id = o.event_id
            where o.id = ? and e.deleted_at is null${target.eventId ? ' and e.id = ?' : ''}`,
          target.eventId ? [target.occurrenceId, target.eventId] : [target.occurrenceId],
        )
      : await sqlRows<Record<string, unknown>>(
          em,
          `select ${columns}, null as occurrence_id, e.capacity, e.seats_held
             from events e where e.id = ? and e.deleted_at is null`,
          [target.eventId],
        );
    if (!row) return null;
    return {
      eventId: row.event_id as string,
      occurrenceId: (row.occurrence_id as string | null) ?? null,
      organizationId: row.organization_id as string,
      eventTitle: row.title as string,
      isPublic: row.status === 'PUBLISHED',
      capacity: row.capacity === null ? null : Number(row.capacity),
      seatsHeld: Number(row.seats_held),
      waitlistEnabled: row.waitlist_enabled as boolean,
      waitlistPolicy: row.waitlist_policy as WaitlistPolicy,
      offerTtlMinutes: row.offer_ttl_minutes === null ? null : Number(row.offer_ttl_minutes),
      managerUserIds: row.managers as string[],
    };
  }
}
