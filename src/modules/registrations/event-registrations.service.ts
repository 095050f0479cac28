import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { AccessService } from 'src/modules/auth/access.service';
import { type AuthContext, isAdmin } from 'src/modules/auth/auth-context';
import { UsersService } from 'src/modules/auth/users.service';
import { EventsService } from 'src/modules/events/events.service';
import { type Bookable, scopeOf, SeatsService } from 'src/modules/events/seats.service';
import type { UserDto } from 'src/modules/auth/dto/user.dto';
import { Attendee } from './attendee.entity';
import type {
  CreateEventRegistrationDto,
  EventRegistrationDto,
  EventRegistrationQueryDto,
  UpdateEventRegistrationDto,
} from './dto/event-registration.dto';
import { type RegistrationRecord, toEventRegistrationDto } from './event-registration.mapper';
import type { AttendeeSnapshot } from './registration.events';
import { RegistrationError } from './registrations.error';
import { RegistrationsService } from './registrations.service';
import { containsPattern } from '@turnout/common/text/sql-like';
import { isUuid } from '@turnout/common/text/uuid';
import { sqlRows } from '@turnout/common/database/sql';

// Keyed in lower case: the `sort` field, like its direction, is matched case-insensitively.
const SORT_COLUMNS: Record<string, string> = {
  createdat: 'a.created_at',
  updatedat: 'a.updated_at',
  status: 'a.status',
  firstname: 'a.first_name',
  lastname: 'a.last_name',
  email: 'a.email',
};
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

export interface RegistrationPage {
  items: EventRegistrationDto[];
  total: number;
}

/** Seed 002: `/api/v1/event-registrations`, scoped to the events the caller manages. */
@Injectable()
export class EventRegistrationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly seats: SeatsService,
    private readonly registrations: RegistrationsService,
    private readonly users: UsersService,
    private readonly events: EventsService,
  ) {}

  async create(auth: AuthContext, dto: CreateEventRegistrationDto): Promise<EventRegistrationDto> {
    const bookable = await this.seats.bookable(this.em, { occurrenceId: dto.occurrenceId });
    if (!bookable)
      throw new RegistrationError(
        'occurrence-not-found',
        `Occurrence ${dto.occurrenceId} does not exist`,
      );
    this.access.checkEvent(auth, bookable.eventId, scopeOf(bookable), 'manage');
    const fields = dto.fields ?? {};
    const details = {
      email: text(fields.email),
      firstName: text(fields.firstName),
      lastName: text(fields.lastName),
      phone: text(fields.phone),
    };
    const user = await this.users.findOrCreateExternal(
      bookable.organizationId,
      dto.externalUserId,
      details,
    );
    const attendee = await this.registrations.book({
      bookable,
      person: { userId: user.id, externalUserId: dto.externalUserId, fields, ...details },
      requested: 'CONFIRMED',
      registrantUserId: auth.userId,
    });
    return (await this.renderAll([attendee], [user]))[0];
  }

  async get(auth: AuthContext, id: string, withTrashed = false): Promise<EventRegistrationDto> {
    const attendee = await this.find(auth, id, withTrashed, 'inspect');
    return this.render(attendee);
  }

  async update(
    auth: AuthContext,
    id: string,
    dto: UpdateEventRegistrationDto,
  ): Promise<EventRegistrationDto> {
    const attendee = await this.find(auth, id, false, 'manage');
    const bookable = await this.bookableOf(attendee);
    const updated = await this.registrations.changeStatus(
      id,
      bookable,
      dto.status ?? attendee.status,
      'manager',
      dto.fields ? { fields: dto.fields } : {},
    );
    return this.render(updated);
  }

  /**
   * Soft delete: the registration keeps its row with `deletedAt` and frees its seat. Deleting one
   * already deleted answers it unchanged with `withTrashed=true`, 404 otherwise.
   */
  async remove(auth: AuthContext, id: string, withTrashed = false): Promise<EventRegistrationDto> {
    const attendee = await this.find(auth, id, withTrashed, 'manage');
    if (attendee.deletedAt) return this.render(attendee);
    const removed = await this.registrations.remove(id, await this.bookableOf(attendee), 'soft');
    return this.render(removed);
  }

  async list(auth: AuthContext, query: EventRegistrationQueryDto): Promise<RegistrationPage> {
    const where: string[] = ['e.deleted_at is null'];
    const params: unknown[] = [];
    if (!isAdmin(auth)) {
      const managed = await this.access.managedEventIds(auth);
      const scopes: string[] = [];
      if (auth.role === 'ORGANIZER' && auth.organizationId) {
        scopes.push('e.organization_id = ?');
        params.push(auth.organizationId);
      }
      if (managed.length) {
        scopes.push(`a.event_id in (${placeholders(managed)})`);
        params.push(...managed);
      }
      where.push(scopes.length ? `(${scopes.join(' or ')})` : 'false');
    }
    if (!query.withTrashed) where.push('a.deleted_at is null');
    for (const [column, value] of [
      ['a.event_id', query.eventId],
      ['a.occurrence_id', query.occurrenceId],
      ['a.status', query.status],
    ] as const) {
      if (value) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    if (query.categories?.length) {
      where.push(
        `exists (select 1 from event_categories ec where ec.event_id = a.event_id and ec.category_id in (${placeholders(query.categories)}))`,
      );
      params.push(...query.categories);
    }
    const search = query.search ? searchHits(query.search) : undefined;
    // The hits as an array: PostgreSQL then fetches them by primary key. As `in (select …)` it
    // expected ~17,000 hits for a 4,000-hit term and hashed them against a scan of every attendee.
    if (search) where.push('a.id = any(array(select id from search_hits))');
    const [field, direction] = query.sort.split(' ');
    const order = `${SORT_COLUMNS[field.toLowerCase()]} ${direction.toUpperCase() === 'ASC' ? 'asc' : 'desc'}, a.id`;
    const rows = await sqlRows<{ id: string; total: string | number }>(
      this.em,
      `${search?.sql ?? ''}
       select a.id, count(*) over () as total
         from attendees a join events e on e.id = a.event_id
        where ${where.join(' and ')}
        order by ${order}
        limit ? offset ?`,
      [...(search?.params ?? []), ...params, query.limit, (query.page - 1) * query.limit],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(where, params, search);
    const attendees = await this.em.find(Attendee, { id: { $in: rows.map((row) => row.id) } });
    const byId = new Map(attendees.map((attendee) => [attendee.id, attendee]));
    return { items: await this.renderAll(rows.map((row) => byId.get(row.id)!)), total };
  }

  private async count(where: string[], params: unknown[], search?: SearchHits): Promise<number> {
    const [row] = await sqlRows<{ n: string | number }>(
      this.em,
      `${search?.sql ?? ''}
         select count(*) as n from attendees a join events e on e.id = a.event_id where ${where.join(' and ')}`,
      [...(search?.params ?? []), ...params],
    );
    return Number(row.n);
  }

  private async find(
    auth: AuthContext,
    id: string,
    withTrashed: boolean,
    action: 'inspect' | 'manage',
  ): Promise<Attendee> {
    const attendee = await this.em.findOne(
      Attendee,
      withTrashed ? { id } : { id, deletedAt: null },
    );
    const notFound = new RegistrationError(
      'registration-not-found',
      `Registration ${id} does not exist`,
    );
    if (!attendee) throw notFound;
    // A public event does not make its attendees public: whoever cannot inspect the event sees none.
    const scope = await this.access.eventScope(attendee.eventId);
    if (!scope || !this.access.canInspectEvent(auth, scope)) throw notFound;
    if (action === 'manage' && !this.access.canManageEvent(auth, scope)) {
      throw new RegistrationError('not-allowed', 'You may not manage this event’s registrations');
    }
    return attendee;
  }

  private async bookableOf(attendee: Attendee): Promise<Bookable> {
    const bookable = await this.seats.bookable(this.em, {
      eventId: attendee.eventId,
      occurrenceId: attendee.occurrenceId ?? null,
    });
    if (!bookable)
      throw new RegistrationError(
        'registration-not-found',
        `Registration ${attendee.id} does not exist`,
      );
    return bookable;
  }

  private async render(attendee: Attendee): Promise<EventRegistrationDto> {
    return (await this.renderAll([attendee]))[0];
  }

  /** The seed 002 view of attendees as they were at a change (webhook payloads). */
  renderSnapshots(snapshots: readonly AttendeeSnapshot[]): Promise<EventRegistrationDto[]> {
    return this.renderAll(
      snapshots.map((snapshot) => ({
        ...snapshot,
        createdAt: new Date(snapshot.createdAt),
        updatedAt: new Date(snapshot.updatedAt),
        deletedAt: snapshot.deletedAt ? new Date(snapshot.deletedAt) : null,
      })),
    );
  }

  /** Two queries whatever the number of attendees (one when their users are `known`). */
  private async renderAll(
    attendees: RegistrationRecord[],
    known: UserDto[] = [],
  ): Promise<EventRegistrationDto[]> {
    const users = new Map(known.map((user) => [user.id, user]));
    const unknown = attendees.flatMap((a) => (a.userId && !users.has(a.userId) ? [a.userId] : []));
    if (unknown.length)
      for (const [id, user] of await this.users.profiles(unknown)) users.set(id, user);
    const related = await this.events.summaries(
      attendees.map((a) => a.eventId),
      attendees.flatMap((a) => (a.occurrenceId ? [a.occurrenceId] : [])),
    );
    return attendees.map((attendee) => toEventRegistrationDto(attendee, { users, ...related }));
  }
}

interface SearchHits {
  /** A `with search_hits (id)` clause to put before the query. */
  sql: string;
  params: unknown[];
}

/**
 * The attendees a search term finds, case-insensitively in their email, phone, first or last
 * name or their event's title (and, for a UUID, by event or user id), as a union of index-backed
 * lookups: each branch uses its trigram index, where one OR over a join would read every
 * attendee (2.4 s over 500,000 of them).
 */
function searchHits(term: string): SearchHits {
  const like = containsPattern(term);
  const branches = [
    `select id from attendees
      where email ilike ? or phone ilike ? or first_name ilike ? or last_name ilike ?`,
    `select a.id from attendees a join events e on e.id = a.event_id where e.title ilike ?`,
  ];
  const params: unknown[] = [like, like, like, like, like];
  if (isUuid(term)) {
    branches.push('select id from attendees where event_id = ? or user_id = ?');
    params.push(term, term);
  }
  return { sql: `with search_hits as (${branches.join(' union ')})`, params };
}
