import type { Outcome, Project, TurnoutClient } from './turnout-client';

/** The three registration APIs, each booking a seat on the same event. */
export type Dialect = 'attendances' | 'event-registrations' | 'gxp';
export const DIALECTS: readonly Dialect[] = ['attendances', 'event-registrations', 'gxp'];

/** One registration of a burst: who, through which API, and what came back. */
export interface Attempt {
  dialect: Dialect;
  /** Unique in the burst; the attendee's first name, whatever the API. */
  name: string;
  outcome?: Outcome;
}

/** Where the attempts book: seed 000 and GxP on the event, seed 002 on an occurrence. */
export interface Venue {
  project: Project;
  occurrenceId: string;
  /** Seed 000 registers existing users: the user id of each attempt's name. */
  userIds: Map<string, string>;
}

export function register(client: TurnoutClient, venue: Venue, { dialect, name }: Attempt) {
  if (dialect === 'attendances') {
    return client.send('POST', '/api/attendances', {
      userId: venue.userIds.get(name),
      eventId: venue.project.eventId,
      state: 'CONFIRMADO',
    });
  }
  if (dialect === 'event-registrations') {
    return client.send('POST', '/api/v1/event-registrations', {
      occurrenceId: venue.occurrenceId,
      externalUserId: name,
      fields: { firstName: name, lastName: 'Burst', email: `${name.toLowerCase()}@burst.test` },
    });
  }
  return client.send('POST', `${venue.project.path}/attendees`, {
    first_name: name,
    last_name: 'Burst',
  });
}

/** The attendee a 201 announced, in Turnout's words whatever the dialect. */
export function announced({ dialect, outcome }: Attempt): { id: string; status: string } | null {
  if (outcome?.kind !== 'answer' || outcome.status !== 201) return null;
  const { id, status } = dialect === 'gxp' ? outcome.body.data : outcome.body;
  return { id, status };
}

/** Users to register through seed 000, named like the attempts, created through the public API. */
export async function registerUsers(client: TurnoutClient, names: readonly string[]) {
  const userIds = new Map<string, string>();
  for (const name of names) {
    const user = await client.expect(201, 'POST', '/api/auth/register', {
      email: `${name.toLowerCase()}@burst.test`,
      password: 'burst-password-1234',
      name,
      firstName: name,
      lastName: 'Burst',
    });
    userIds.set(name, user.id);
  }
  return userIds;
}
