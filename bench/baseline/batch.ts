import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Caller } from './auth.ts';
import { conflictOnDuplicate, inTransaction, statement } from './database.ts';
import { checkAnswers, readItems, requireFreeEmails } from './batch-checks.ts';
import { isObject, type Json, Problem, type Reply } from './http.ts';
import { enqueue } from './outbox.ts';
import { type Project, requireProject } from './projects.ts';
import { registrationViews } from './registration-view.ts';
import { type AttendeeRow, gxpAttendee } from './render.ts';

// Seed 003's batch create, `POST .../attendees/batch`: every item checked first (batch-checks.ts),
// then one transaction that takes the seats, writes the attendees with one INSERT, and the outbox.

const LOCK_TYPES = statement(
  'lock-types',
  `select id, name from attendee_types where event_id = $1 and id = any($2) for share`,
);
/** Turnout's takeUpTo: the CTE locks the row first, so the grant is computed from a stable value. */
const TAKE_SEATS = statement(
  'take-seats',
  `with current_row as (select id, capacity, seats_held from events where id = $1 for update)
   update events t set seats_held = t.seats_held + least($2::int, coalesce(c.capacity - c.seats_held, $2::int))
     from current_row c where t.id = c.id
   returning t.seats_held - c.seats_held as granted, t.waitlist_enabled`,
);
const INSERT_ATTENDEES = statement(
  'insert-attendees',
  `with booking as (
     insert into registrations (id, registrant_user_id, created_at, updated_at) values ($1, $2, $3, $3))
   insert into attendees (id, registration_id, event_id, first_name, last_name, email, phone, fields,
                          attendee_type_id, status, waitlisted_at, emergency_contact, created_at,
                          updated_at)
   select id, $1, $4, first_name, last_name, email, phone, fields, attendee_type_id, status,
          waitlisted_at, emergency_contact, $3, $3
     from unnest($5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::uuid[],
                 $12::text[], $13::timestamptz[], $14::jsonb[])
          as t(id, first_name, last_name, email, phone, fields, attendee_type_id, status, waitlisted_at,
               emergency_contact)
   returning *`,
);

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() || null : null);

interface Prepared {
  items: Json[];
  emails: Array<string | null>;
  typeIds: Array<string | null>;
}

/** The transaction: lock the types named, take the seats, write the attendees and the outbox rows. */
async function write(client: pg.PoolClient, caller: Caller, project: Project, batch: Prepared) {
  const { items, emails, typeIds } = batch;
  const wanted = [...new Set(typeIds.filter((id) => id !== null))];
  const types = new Map(
    (
      await client.query<{ id: string; name: string }>(LOCK_TYPES([project.eventId, wanted]))
    ).rows.map((type) => [type.id, type.name]),
  );
  const unknown = typeIds.flatMap((id, index) =>
    id && !types.has(id)
      ? [{ pointer: `/resources/${index}/attendee_type_id`, message: 'unknown' }]
      : [],
  );
  if (unknown.length > 0)
    throw new Problem(422, 'invalid-attendees', 'Unknown attendee type', unknown);
  const seats = (
    await client.query<{ granted: number; waitlist_enabled: boolean }>(
      TAKE_SEATS([project.eventId, items.length]),
    )
  ).rows[0];
  if (seats.granted < items.length && !seats.waitlist_enabled) {
    throw new Problem(409, 'event-full', 'Not enough seats');
  }
  const now = new Date();
  const seated = (index: number) => index < seats.granted;
  const ids = items.map(() => randomUUID());
  const { rows } = await client
    .query<AttendeeRow>(
      INSERT_ATTENDEES([
        randomUUID(),
        caller.userId,
        now,
        project.eventId,
        ids,
        items.map((item) => trimmed(item.first_name)),
        items.map((item) => trimmed(item.last_name)),
        emails,
        items.map((item) => trimmed(item.phone)),
        items.map((item) => JSON.stringify(item.custom_fields ?? {})),
        typeIds,
        items.map((_, index) => (seated(index) ? 'CONFIRMED' : 'WAITING_LIST')),
        // A millisecond apart, so the waiting list keeps the batch's order.
        items.map((_, index) => (seated(index) ? null : new Date(now.getTime() + index))),
        items.map((item) => emergencyContact(item.emergency_contact)),
      ]),
    )
    .catch((error: unknown) => conflictOnDuplicate(error, 'email-taken', 'Email already exists'));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const attendees = ids.map((id) => byId.get(id)!);
  const view = registrationViews(client, project.eventId);
  const registration = (row: AttendeeRow) => () => view(row);
  await enqueue(
    client,
    project.organizationId,
    attendees.flatMap((row) => [
      { type: 'registration.created', eventId: project.eventId, data: registration(row) },
      ...(row.status === 'WAITING_LIST'
        ? [{ type: 'registration.waitlisted', eventId: project.eventId, data: registration(row) }]
        : []),
      {
        type: 'attendee.created',
        eventId: project.eventId,
        data: () => gxpAttendee(row, { types }),
      },
    ]),
  );
  return { attendees, types };
}

const emergencyContact = (value: unknown) =>
  isObject(value)
    ? JSON.stringify({ name: trimmed(value.name), phoneNumber: trimmed(value.phone_number) })
    : null;

export async function createBatch(
  pool: pg.Pool,
  caller: Caller,
  [team, slug]: string[],
  body: unknown,
): Promise<Reply> {
  const items = readItems(body);
  const project = await requireProject(pool, caller, team, slug);
  await checkAnswers(pool, project.eventId, items);
  const emails = items.map((item) => trimmed(item.email));
  await requireFreeEmails(pool, project.eventId, emails);
  const typeIds = items.map((item) =>
    typeof item.attendee_type_id === 'string' ? item.attendee_type_id.toLowerCase() : null,
  );
  const { attendees, types } = await inTransaction(pool, (client) =>
    write(client, caller, project, { items, emails, typeIds }),
  );
  return { status: 201, body: { data: attendees.map((row) => gxpAttendee(row, { types })) } };
}
