import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { toFilterQuery, toOrderBy } from '@turnout/common/filtering/to-filter-query';
import { Attendee } from './attendee.entity';
import { type AttendeeRow, toSnapshot } from './attendee.snapshot';
import { Registration } from './registration.entity';
import type { AttendeeSnapshot } from './registration.events';
import { sqlRows } from '@turnout/common/database/sql';

/**
 * The attendee columns other modules may filter and sort on, as SQL over the alias `a`. Dialects
 * build their allow-lists (and their vocabulary) on these; the table stays this module's.
 */
export const ATTENDEE_COLUMNS = {
  id: 'a.id',
  attendeeTypeId: 'a.attendee_type_id',
  email: 'a.email',
  firstName: 'a.first_name',
  lastName: 'a.last_name',
  phone: 'a.phone',
  status: 'a.status',
  groupIds: 'a.group_ids',
  fields: 'a.fields',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
  waitlistedAt: 'a.waitlisted_at',
  checkedInAt: 'a.checked_in_at',
} as const;

/** A condition over ATTENDEE_COLUMNS with bound parameters (never user input spliced into SQL). */
export interface AttendeeCondition {
  sql: string;
  params: unknown[];
}

export interface AttendeeQuery {
  where: readonly AttendeeCondition[];
  orderBy: ReadonlyArray<{ sql: string; direction: 'asc' | 'desc' }>;
  limit: number;
  offset: number;
}

/** A booking: one registrant signing up one or more attendees together. */
export interface BookingView {
  id: string;
  registrantUserId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Reads attendees for other modules' dialects, as snapshots (never entities). */
@Injectable()
export class AttendeeDirectory {
  constructor(private readonly em: EntityManager) {}

  /** One page of an event's (not deleted) attendees and the total matching; ties broken by id. */
  async page(
    eventId: string,
    query: AttendeeQuery,
  ): Promise<{ items: AttendeeSnapshot[]; total: number }> {
    // Rows, not entities: a page of 100 hydrated into the identity map cost more than its SQL.
    const qb = this.pageQuery(eventId, query);
    const rows = (await qb.clone().execute('all', true)) as unknown as AttendeeRow[];
    const total =
      rows.length < query.limit && (query.offset === 0 || rows.length > 0)
        ? query.offset + rows.length
        : await qb.clone().getCount();
    return { items: rows.map(toSnapshot), total };
  }

  /** The page's query, built once for `page` and for tests that EXPLAIN it. */
  pageQuery(eventId: string, query: AttendeeQuery) {
    // Both drivers' EntityManagers are SQL ones; the core type just doesn't say so.
    const qb = (this.em as unknown as SqlEntityManager)
      .createQueryBuilder(Attendee, 'a')
      .where({ eventId, deletedAt: null });
    if (query.where.length > 0) qb.andWhere(toFilterQuery(query.where) as never);
    return qb
      .orderBy([...toOrderBy<Attendee>(query.orderBy), { id: 'asc' }])
      .limit(query.limit)
      .offset(query.offset);
  }

  /** Read as a row, not an entity: nothing here is changed through the unit of work. */
  async get(eventId: string, id: string): Promise<AttendeeSnapshot | null> {
    const [row] = (await (this.em as unknown as SqlEntityManager)
      .createQueryBuilder(Attendee, 'a')
      .where({ id, eventId, deletedAt: null })
      .execute('all', true)) as unknown as AttendeeRow[];
    return row ? toSnapshot(row) : null;
  }

  async byIds(eventId: string, ids: readonly string[]): Promise<Map<string, AttendeeSnapshot>> {
    if (ids.length === 0) return new Map();
    const attendees = await this.em.find(Attendee, {
      id: { $in: [...new Set(ids)] },
      eventId,
      deletedAt: null,
    });
    return new Map(attendees.map((attendee) => [attendee.id, toSnapshot(attendee)]));
  }

  /** Bookings by id: when they were made and by whom. */
  async bookings(ids: readonly string[]): Promise<Map<string, BookingView>> {
    if (ids.length === 0) return new Map();
    const bookings = await this.em.find(Registration, { id: { $in: [...new Set(ids)] } });
    return new Map(
      bookings.map((booking) => [
        booking.id,
        {
          id: booking.id,
          registrantUserId: booking.registrantUserId ?? null,
          createdAt: booking.createdAt,
          updatedAt: booking.updatedAt,
        },
      ]),
    );
  }

  /** Who holds each of these emails (lower-cased) among the event's active registrations. */
  async emailHolders(eventId: string, emails: readonly string[]): Promise<Map<string, string[]>> {
    if (emails.length === 0) return new Map();
    const rows = await sqlRows<{ id: string; email: string }>(
      this.em,
      `select id, lower(email) as email from attendees
        where event_id = ? and lower(email) in (?) and status <> 'CANCELLED' and deleted_at is null`,
      [eventId, emails.map((email) => email.toLowerCase())],
    );
    const holders = new Map<string, string[]>();
    for (const row of rows) holders.set(row.email, [...(holders.get(row.email) ?? []), row.id]);
    return holders;
  }

  /** Whether any attendee (deleted ones aside) has this attendee type. */
  async usesAttendeeType(em: EntityManager, eventId: string, attendeeTypeId: string) {
    return (await em.count(Attendee, { eventId, attendeeTypeId, deletedAt: null })) > 0;
  }

  /** Drops a deleted group from its members, in the caller's transaction. */
  async dropGroup(em: EntityManager, eventId: string, groupId: string): Promise<void> {
    await sqlRows(
      em,
      `update attendees set group_ids = array_remove(group_ids, ?::uuid)
          where event_id = ? and group_ids @> array[?::uuid]`,
      [groupId, eventId, groupId],
    );
  }
}
