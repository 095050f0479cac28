import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { defineErrors } from '@turnout/common/problems/domain-error';
import { type Page, toPage } from '@turnout/common/pagination/page-query.dto';
import { AccessService } from 'src/modules/auth/access.service';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { MembershipsService } from 'src/modules/auth/memberships.service';
import { UsersService } from 'src/modules/auth/users.service';
import { EventDetailsRegistry } from 'src/modules/events/event-details.registry';
import { EventsService } from 'src/modules/events/events.service';
import { type Bookable, SeatsService } from 'src/modules/events/seats.service';
import { toAttendanceDto, toAttendanceState, toAttendeeStatus } from './attendance.mapper';
import { type Actor, type AttendeeStatus, SEAT_HOLDING } from './attendee-status';
import { Attendee } from './attendee.entity';
import type { AttendanceDto } from './dto/attendance.dto';
import type { CreateAttendanceDto } from './dto/attendance-create.dto';
import { ATTENDANCES_PER_PAGE, type AttendanceQueryDto } from './dto/attendance-query.dto';
import type { UpdateAttendanceDto } from './dto/attendance-update.dto';
import { RegistrationError } from './registrations.error';
import { RegistrationsService } from './registrations.service';
import { containsPattern } from '@turnout/common/text/sql-like';
import { sqlRows } from '@turnout/common/database/sql';

/** Problems only seed 000's dialect raises; the lifecycle's own come from the core. */
export class AttendanceError extends defineErrors({
  'cancelled-on-create': { status: 422, title: 'A new attendance cannot start CANCELADO' },
  'unknown-user': { status: 422, title: 'No user has that id' },
  'event-not-found': { status: 404, title: 'No such event' },
}) {}

const PUBLIC_ATTENDEES = `from attendees a
  join events e on e.id = a.event_id
  left join users u on u.id = a.user_id
 where a.deleted_at is null and e.deleted_at is null and e.status = 'PUBLISHED'`;

const SEARCH = `(a.first_name ilike ? or a.last_name ilike ?
  or concat_ws(' ', a.first_name, a.last_name) ilike ?
  or u.name ilike ? or concat_ws(' ', u.first_name, u.last_name) ilike ?
  or e.title ilike ?)`;

/** Seed 000's attendances: a thin dialect over the RegistrationsService lifecycle. */
@Injectable()
export class AttendancesService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly registrations: RegistrationsService,
    private readonly seats: SeatsService,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly memberships: MembershipsService,
    private readonly events: EventsService,
    private readonly details: EventDetailsRegistry,
  ) {}

  onModuleInit(): void {
    // GET /api/events/{id} has already checked that the caller may read the event.
    this.details.register((_auth, eventId) => this.eventDetails(eventId));
  }

  async list(query: AttendanceQueryDto): Promise<Page<AttendanceDto>> {
    const term = query.searchTerm?.trim();
    const where = term ? `${PUBLIC_ATTENDEES} and ${SEARCH}` : PUBLIC_ATTENDEES;
    const params = term ? Array<string>(6).fill(containsPattern(term)) : [];
    const [{ total }] = await sqlRows<{ total: string | number }>(
      this.em,
      `select count(*) as total ${where}`,
      params,
    );
    const rows = await sqlRows<{ id: string }>(
      this.em,
      `select a.id ${where} order by a.created_at, a.id limit ? offset ?`,
      [...params, ATTENDANCES_PER_PAGE, (query.page - 1) * ATTENDANCES_PER_PAGE],
    );
    const found = await this.em.find(Attendee, { id: { $in: rows.map((row) => row.id) } });
    const byId = new Map(found.map((attendee) => [attendee.id, attendee]));
    const attendees = rows.flatMap((row) => byId.get(row.id) ?? []);
    return toPage(await this.present(attendees), Number(total), {
      page: query.page,
      perPage: ATTENDANCES_PER_PAGE,
    });
  }

  async create(auth: AuthContext, dto: CreateAttendanceDto): Promise<AttendanceDto> {
    if (dto.state === 'CANCELADO') {
      throw new AttendanceError('cancelled-on-create', 'Register as CONFIRMADO or PENDIENTE');
    }
    const self = auth.userId !== null && dto.userId === auth.userId;
    await this.access.requireEvent(auth, dto.eventId, self ? 'read' : 'manage');
    const profile = (await this.users.profiles([dto.userId])).get(dto.userId);
    if (!profile) throw new AttendanceError('unknown-user', `User ${dto.userId} does not exist`);
    const bookable = await this.requireBookable(dto.eventId, null);
    const attendee = await this.registrations.book({
      bookable,
      person: {
        userId: profile.id,
        firstName: profile.firstName,
        lastName: profile.lastName,
        email: profile.email,
        phone: profile.phone,
      },
      requested: dto.state === 'CONFIRMADO' ? 'CONFIRMED' : 'PENDING',
      registrantUserId: auth.userId,
    });
    return (await this.present([attendee]))[0];
  }

  async update(auth: AuthContext, id: string, dto: UpdateAttendanceDto): Promise<AttendanceDto> {
    const attendee = await this.find(id);
    const actor = await this.actorFor(auth, attendee);
    // The seed cannot tell WAITING_LIST from PENDING, nor ATTENDED from CONFIRMED: asking for the
    // state already shown changes nothing (rather than jumping the queue or undoing a check-in).
    if (toAttendanceState(attendee.status) === dto.state)
      return (await this.present([attendee]))[0];
    const bookable = await this.requireBookable(attendee.eventId, attendee.occurrenceId ?? null);
    const to = toAttendeeStatus(dto.state);
    const changed = await this.registrations.changeStatus(attendee.id, bookable, to, actor);
    return (await this.present([changed]))[0];
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    const attendee = await this.find(id);
    await this.actorFor(auth, attendee);
    const bookable = await this.requireBookable(attendee.eventId, attendee.occurrenceId ?? null);
    await this.registrations.remove(attendee.id, bookable, 'hard');
  }

  /** `attendances` (every non-deleted one) and `attendancesCount` (seat holders) of an event. */
  /**
   * An event's attendances, with their users, active memberships and the event's title, in one
   * query and without entities: the event page is public and busy, and changes none of them.
   */
  async eventDetails(
    eventId: string,
  ): Promise<{ attendances: AttendanceDto[]; attendancesCount: number }> {
    const rows = await sqlRows<AttendanceDetailRow>(
      this.em,
      `select a.id, a.user_id, a.event_id, a.status, a.first_name, a.last_name, e.title,
              u.name as user_name, u.first_name as user_first_name, u.last_name as user_last_name,
              m.id as membership_id, m.name as membership_name,
              m.starts_at as membership_starts_at, m.ends_at as membership_ends_at
         from attendees a
         join events e on e.id = a.event_id
         left join users u on u.id = a.user_id
         left join lateral (
           select id, name, starts_at, ends_at from memberships
            where user_id = a.user_id and starts_at <= now() and (ends_at is null or ends_at > now())
            order by starts_at desc limit 1) m on true
        where a.event_id = ? and a.deleted_at is null
        order by a.created_at, a.id`,
      [eventId],
    );
    return {
      attendances: rows.map(toAttendanceFromRow),
      attendancesCount: rows.filter((row) => SEAT_HOLDING.has(row.status)).length,
    };
  }

  /**
   * Who the caller acts as: a manager of the event (wins, having every power an attendee has),
   * the attendee themself, or nobody: 404 if the attendance is out of their sight, else 403.
   */
  private async actorFor(auth: AuthContext, attendee: Attendee): Promise<Actor> {
    const scope = await this.access.eventScope(attendee.eventId);
    if (!scope) throw this.notFound(attendee.id);
    if (this.access.canManageEvent(auth, scope)) return 'manager';
    if (auth.userId !== null && attendee.userId === auth.userId) return 'attendee';
    if (!this.access.canReadEvent(auth, scope)) throw this.notFound(attendee.id);
    throw new RegistrationError(
      'not-allowed',
      'Only the attendee and the event’s managers may do this',
    );
  }

  /** Read outside the request's identity map, so the core's locked read decides on fresh data. */
  private async find(id: string): Promise<Attendee> {
    const attendee = await this.em.fork().findOne(Attendee, { id, deletedAt: null });
    if (!attendee) throw this.notFound(id);
    return attendee;
  }

  private notFound(id: string): RegistrationError {
    return new RegistrationError('registration-not-found', `Attendance ${id} does not exist`);
  }

  private async requireBookable(eventId: string, occurrenceId: string | null): Promise<Bookable> {
    const bookable = await this.seats.bookable(this.em, { eventId, occurrenceId });
    if (!bookable) throw new AttendanceError('event-not-found', `Event ${eventId} does not exist`);
    return bookable;
  }

  /** Maps attendees with their users, active memberships and event titles, loaded in bulk. */
  private async present(attendees: Attendee[]): Promise<AttendanceDto[]> {
    const userIds = [...new Set(attendees.flatMap((attendee) => attendee.userId ?? []))];
    const profiles = await this.users.profiles(userIds);
    const memberships = await this.memberships.activeFor(userIds);
    const events = await this.events.byIds(attendees.map((attendee) => attendee.eventId));
    return attendees.map((attendee) =>
      toAttendanceDto(attendee, {
        user: attendee.userId ? profiles.get(attendee.userId) : undefined,
        membership: attendee.userId ? (memberships.get(attendee.userId) ?? null) : null,
        eventTitle: events.get(attendee.eventId)?.title ?? '',
      }),
    );
  }
}

interface AttendanceDetailRow {
  id: string;
  user_id: string | null;
  event_id: string;
  status: AttendeeStatus;
  first_name: string | null;
  last_name: string | null;
  title: string;
  user_name: string | null;
  user_first_name: string | null;
  user_last_name: string | null;
  membership_id: string | null;
  membership_name: string;
  membership_starts_at: Date;
  membership_ends_at: Date | null;
}

const toAttendanceFromRow = (row: AttendanceDetailRow): AttendanceDto =>
  toAttendanceDto(
    {
      id: row.id,
      userId: row.user_id,
      eventId: row.event_id,
      status: row.status,
      firstName: row.first_name,
      lastName: row.last_name,
    },
    {
      user: row.user_id
        ? { name: row.user_name, firstName: row.user_first_name, lastName: row.user_last_name }
        : undefined,
      membership: row.membership_id
        ? {
            id: row.membership_id,
            name: row.membership_name,
            startsAt: new Date(row.membership_starts_at),
            endsAt: row.membership_ends_at ? new Date(row.membership_ends_at) : null,
          }
        : null,
      eventTitle: row.title,
    },
  );
