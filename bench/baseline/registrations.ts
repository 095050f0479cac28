import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { type Caller, requireManager } from './auth.ts';
import { conflictOnDuplicate, inTransaction, statement } from './database.ts';
import {
  isObject,
  isText,
  isUuid,
  type Json,
  Problem,
  type Reply,
  requireValid,
  unknownKeys,
} from './http.ts';
import { enqueue } from './outbox.ts';
import {
  type AttendeeRow,
  eventRegistration,
  gxpAttendee,
  type RegistrationContext,
} from './render.ts';

// Seed 002, `/api/v1/event-registrations`: registering (POST) and searching (GET).

const BOOKABLE = statement(
  'bookable',
  `select o.id, o.created_at, o.updated_at, o.start_date, o.end_date, o.capacity, o.seats_held,
          e.id as event_id, e.organization_id, e.status as event_status, e.waitlist_enabled,
          e.title, e.slug, e.description, e.created_at as event_created_at, e.updated_at as event_updated_at,
          g.name as org_name, g.slug as org_slug, g.created_at as org_created_at, g.updated_at as org_updated_at
     from occurrences o join events e on e.id = o.event_id join organizations g on g.id = e.organization_id
    where o.id = $1 and e.deleted_at is null`,
);

const USER_COLUMNS = `id, created_at, updated_at, organization_id, email, first_name, last_name, role,
  avatar_url, is_active`;

/** The external user, created on first sight; an email already registered is not taken over. */
const CREATE_USER = statement(
  'create-external-user',
  `insert into users (id, organization_id, external_id, email, first_name, last_name, phone, name,
                      role, is_active, created_at, updated_at)
   values ($1, $2, $3, case when not exists (select 1 from users where email = $4) then $4 end,
           $5, $6, $7, $8, 'USER', true, $9, $9)
   on conflict (organization_id, external_id) do nothing
   returning ${USER_COLUMNS}`,
);
const FIND_USER = statement(
  'find-external-user',
  `select ${USER_COLUMNS} from users where organization_id = $1 and external_id = $2`,
);

const TAKE_SEAT = statement(
  'take-seat',
  `update occurrences set seats_held = seats_held + 1
    where id = $1 and (capacity is null or seats_held < capacity) returning seats_held`,
);

const INSERT_ATTENDEE = statement(
  'insert-attendee',
  `with booking as (
     insert into registrations (id, registrant_user_id, created_at, updated_at) values ($2, $3, $4, $4))
   insert into attendees (id, registration_id, event_id, occurrence_id, user_id, external_user_id,
                          first_name, last_name, email, phone, fields, status, waitlisted_at,
                          created_at, updated_at)
   values ($1, $2, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $4, $4)
   returning *`,
);

interface Bookable {
  id: string;
  created_at: Date;
  updated_at: Date;
  start_date: Date;
  end_date: Date;
  capacity: number | null;
  seats_held: number;
  event_id: string;
  organization_id: string;
  event_status: string;
  waitlist_enabled: boolean;
  title: string;
  slug: string;
  description: string | null;
  event_created_at: Date;
  event_updated_at: Date;
  org_name: string;
  org_slug: string;
  org_created_at: Date;
  org_updated_at: Date;
}

const REGISTRATION_KEYS = new Set(['occurrenceId', 'externalUserId', 'fields']);
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);

function readRegistration(body: unknown) {
  if (!isObject(body)) throw new Problem(400, 'validation', 'The body must be an object');
  const errors = unknownKeys(body, REGISTRATION_KEYS);
  if (!isUuid(body.occurrenceId))
    errors.push({ pointer: '/occurrenceId', message: 'must be a UUID' });
  if (!isText(body.externalUserId, 200, 1)) {
    errors.push({ pointer: '/externalUserId', message: 'must be 1 to 200 characters' });
  }
  if (body.fields !== undefined && !isObject(body.fields)) {
    errors.push({ pointer: '/fields', message: 'must be an object' });
  }
  requireValid(errors);
  return {
    occurrenceId: body.occurrenceId as string,
    externalUserId: body.externalUserId as string,
    fields: (body.fields ?? {}) as Json,
  };
}

/** What the answer embeds: the user, the occurrence (its seats right after this booking), and so on. */
const contextOf = (b: Bookable, user: User, seatsHeld: number): RegistrationContext => ({
  user,
  occurrence: { ...b, seats_held: seatsHeld },
  event: {
    id: b.event_id,
    created_at: b.event_created_at,
    updated_at: b.event_updated_at,
    title: b.title,
    slug: b.slug,
    description: b.description,
  },
  organization: {
    id: b.organization_id,
    name: b.org_name,
    slug: b.org_slug,
    created_at: b.org_created_at,
    updated_at: b.org_updated_at,
  },
});

/** The user the integrator knows as `externalUserId`, created with the details given if new. */
async function externalUser(pool: pg.Pool, b: Bookable, externalUserId: string, fields: Json) {
  const [email, firstName, lastName, phone] = ['email', 'firstName', 'lastName', 'phone'].map(
    (key) => text(fields[key]),
  );
  const name = [firstName, lastName].filter(Boolean).join(' ') || null;
  const created = await pool.query<User>(
    CREATE_USER([
      randomUUID(),
      b.organization_id,
      externalUserId,
      email?.toLowerCase() ?? null,
      firstName,
      lastName,
      phone,
      name,
      new Date(),
    ]),
  );
  const user =
    created.rows[0] ??
    (await pool.query<User>(FIND_USER([b.organization_id, externalUserId]))).rows[0];
  return { user, details: { email, firstName, lastName, phone } };
}

type User = NonNullable<RegistrationContext['user']>;
type Details = Awaited<ReturnType<typeof externalUser>>['details'];

/** The transaction: a seat (or the waiting list), the booking and the attendee, the outbox rows. */
async function book(
  client: pg.PoolClient,
  caller: Caller,
  bookable: Bookable,
  person: { user: User; externalUserId: string; details: Details; fields: Json },
) {
  const seat = (await client.query<{ seats_held: number }>(TAKE_SEAT([bookable.id]))).rows[0];
  if (!seat && !bookable.waitlist_enabled) {
    throw new Problem(409, 'event-full', `${bookable.title} has no seats left`);
  }
  const now = new Date();
  const { details } = person;
  const { rows } = await client
    .query<AttendeeRow>(
      INSERT_ATTENDEE([
        randomUUID(),
        randomUUID(),
        caller.userId,
        now,
        bookable.event_id,
        bookable.id,
        person.user.id,
        person.externalUserId,
        details.firstName,
        details.lastName,
        details.email,
        details.phone,
        person.fields,
        seat ? 'CONFIRMED' : 'WAITING_LIST',
        seat ? null : now,
      ]),
    )
    .catch((error: unknown) =>
      conflictOnDuplicate(error, 'already-registered', 'Already registered'),
    );
  const row = rows[0];
  const context = contextOf(bookable, person.user, seat?.seats_held ?? bookable.seats_held);
  const registration = () => eventRegistration(row, context);
  const { event_id: eventId } = bookable;
  await enqueue(client, bookable.organization_id, [
    { type: 'registration.created', eventId, data: registration },
    ...(seat ? [] : [{ type: 'registration.waitlisted', eventId, data: registration }]),
    { type: 'attendee.created', eventId, data: () => gxpAttendee(row, { types: new Map() }) },
  ]);
  return { row, context };
}

/**
 * POST: find or create the external user, then in one transaction take a seat with a conditional
 * UPDATE (or join the waiting list), write the booking and the attendee, and the outbox rows.
 */
export async function register(pool: pg.Pool, caller: Caller, body: unknown): Promise<Reply> {
  const dto = readRegistration(body);
  const bookable = (await pool.query<Bookable>(BOOKABLE([dto.occurrenceId]))).rows[0];
  if (!bookable) throw new Problem(404, 'occurrence-not-found', 'No such occurrence');
  requireManager(
    caller,
    {
      id: bookable.event_id,
      organizationId: bookable.organization_id,
      isPublic: bookable.event_status === 'PUBLISHED',
    },
    false,
  );
  const { user, details } = await externalUser(pool, bookable, dto.externalUserId, dto.fields);
  const { row, context } = await inTransaction(pool, (client) =>
    book(client, caller, bookable, {
      user,
      externalUserId: dto.externalUserId,
      details,
      fields: dto.fields,
    }),
  );
  return { status: 201, body: eventRegistration(row, context) };
}
