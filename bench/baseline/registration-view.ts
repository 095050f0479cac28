import type pg from 'pg';
import { statement } from './database.ts';
import { type AttendeeRow, eventRegistration, type RegistrationContext } from './render.ts';

// Seed 002's EventRegistration of any attendee, for webhook payloads of `registration.*` types:
// built only when a subscription wants one, as Turnout's outbox does.

const EVENT_CONTEXT = statement(
  'event-context',
  `select e.id, e.created_at, e.updated_at, e.title, e.slug, e.description,
          g.id as org_id, g.name as org_name, g.slug as org_slug, g.created_at as org_created_at,
          g.updated_at as org_updated_at
     from events e join organizations g on g.id = e.organization_id where e.id = $1`,
);
const USER = statement(
  'registration-user',
  `select id, created_at, updated_at, organization_id, email, first_name, last_name, role, avatar_url,
          is_active from users where id = $1`,
);
const OCCURRENCE = statement(
  'registration-occurrence',
  `select id, created_at, updated_at, start_date, end_date, capacity, seats_held from occurrences where id = $1`,
);

type EventContext = Pick<RegistrationContext, 'event' | 'organization'>;

async function eventContext(db: pg.PoolClient, eventId: string): Promise<EventContext> {
  const row = (
    await db.query<RegistrationContext['event'] & Record<string, Date | string>>(
      EVENT_CONTEXT([eventId]),
    )
  ).rows[0];
  return {
    event: row,
    organization: {
      id: row.org_id as string,
      name: row.org_name as string,
      slug: row.org_slug as string,
      created_at: row.org_created_at as Date,
      updated_at: row.org_updated_at as Date,
    },
  };
}

/** Builds EventRegistrations in one transaction, reading the event and organization once. */
export function registrationViews(db: pg.PoolClient, eventId: string) {
  let context: Promise<EventContext> | undefined;
  return async (row: AttendeeRow) => {
    const user = row.user_id
      ? (await db.query<NonNullable<RegistrationContext['user']>>(USER([row.user_id]))).rows[0]
      : null;
    const occurrence = row.occurrence_id
      ? (
          await db.query<NonNullable<RegistrationContext['occurrence']>>(
            OCCURRENCE([row.occurrence_id]),
          )
        ).rows[0]
      : null;
    return eventRegistration(row, {
      user,
      occurrence,
      ...(await (context ??= eventContext(db, eventId))),
    });
  };
}
