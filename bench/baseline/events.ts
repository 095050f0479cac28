import type pg from 'pg';
import { type Caller, canManage } from './auth.ts';
import { statement } from './database.ts';
import { Problem, type Reply } from './http.ts';

// Seed 000's `GET /api/events/{id}`: the event with its attendances (user name and active
// membership) and the seats they hold.

const EVENT = statement(
  'event',
  `select e.*, array(select category_id from event_categories where event_id = e.id) as category_ids
     from events e where e.id = $1 and e.deleted_at is null`,
);

/** Every attendance, oldest first, with its user and the user's active membership (latest start). */
const ATTENDANCES = statement(
  'attendances',
  `select a.id, a.user_id, a.status, a.first_name, a.last_name, a.email,
          u.id as u_id, u.name as u_name, u.first_name as u_first_name, u.last_name as u_last_name,
          u.email as u_email, m.id as m_id, m.name as m_name, m.starts_at as m_starts_at, m.ends_at as m_ends_at
     from attendees a
     left join users u on u.id = a.user_id
     left join lateral (
       select id, name, starts_at, ends_at from memberships
        where user_id = a.user_id and starts_at <= now() and (ends_at is null or ends_at > now())
        order by starts_at desc limit 1) m on true
    where a.event_id = $1 and a.deleted_at is null
    order by a.created_at, a.id`,
);

interface EventRow {
  id: string;
  organization_id: string;
  slug: string;
  title: string;
  description: string | null;
  status: string;
  starts_at: Date | null;
  ends_at: Date | null;
  capacity: number | null;
  waitlist_enabled: boolean;
  requires_emergency_contact: boolean;
  waitlist_policy: string;
  offer_ttl_minutes: number | null;
  category_ids: string[];
  created_by_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface AttendanceRow {
  id: string;
  user_id: string | null;
  status: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  u_id: string | null;
  u_name: string | null;
  u_first_name: string | null;
  u_last_name: string | null;
  u_email: string | null;
  m_id: string | null;
  m_name: string;
  m_starts_at: Date;
  m_ends_at: Date | null;
}

const STATES: Record<string, string> = {
  CONFIRMED: 'CONFIRMADO',
  ATTENDED: 'CONFIRMADO',
  PENDING: 'PENDIENTE',
  WAITING_LIST: 'PENDIENTE',
  CANCELLED: 'CANCELADO',
};
const SEAT_HOLDING = new Set(['PENDING', 'CONFIRMED', 'ATTENDED']);

const fullName = (first: string | null, last: string | null) =>
  [first, last].filter(Boolean).join(' ') || null;

/** Seed 000's AttendanceDto, with Turnout's choice of display name. */
const attendance = (row: AttendanceRow, event: EventRow) => ({
  id: row.id,
  userId: row.user_id,
  userName:
    (row.u_id && (row.u_name || fullName(row.u_first_name, row.u_last_name) || row.u_email)) ||
    fullName(row.first_name, row.last_name) ||
    row.email ||
    '',
  userMembership: row.m_id
    ? { id: row.m_id, name: row.m_name, startsAt: row.m_starts_at, endsAt: row.m_ends_at }
    : null,
  eventId: event.id,
  eventTitle: event.title,
  state: STATES[row.status],
  status: row.status,
});

export async function eventDetail(
  pool: pg.Pool,
  caller: Caller | null,
  [id]: string[],
): Promise<Reply> {
  const event = (await pool.query<EventRow>(EVENT([id]))).rows[0];
  const scope = event && {
    id: event.id,
    organizationId: event.organization_id,
    isPublic: event.status === 'PUBLISHED',
  };
  if (!scope || !(scope.isPublic || (caller && canManage(caller, scope)))) {
    throw new Problem(404, 'event-not-found', 'No such event');
  }
  const { rows } = await pool.query<AttendanceRow>(ATTENDANCES([id]));
  return {
    status: 200,
    body: {
      id: event.id,
      organizationId: event.organization_id,
      slug: event.slug,
      title: event.title,
      description: event.description,
      status: event.status,
      startsAt: event.starts_at,
      endsAt: event.ends_at,
      capacity: event.capacity,
      waitlistEnabled: event.waitlist_enabled,
      requiresEmergencyContact: event.requires_emergency_contact,
      waitlistPolicy: event.waitlist_policy,
      offerTtlMinutes: event.offer_ttl_minutes,
      categoryIds: event.category_ids,
      createdById: event.created_by_id,
      createdAt: event.created_at,
      updatedAt: event.updated_at,
      attendances: rows.map((row) => attendance(row, event)),
      attendancesCount: rows.filter((row) => SEAT_HOLDING.has(row.status)).length,
    },
  };
}
