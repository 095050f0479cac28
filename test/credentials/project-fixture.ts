import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { CredentialsEvents } from 'src/modules/credentials/credentials.events';
import type { RegistrationEvents } from 'src/modules/registrations/registration.events';
import {
  bearer,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';

export const problemType = (code: string) => `https://turnout.dev/problems/${code}`;

/** An organization (the GxP team) with an organizer and two API keys. */
export interface Team {
  organizationId: string;
  slug: string;
  organizer: TestUser;
  /** An ORGANIZER API key. */
  apiKey: string;
  readOnlyKey: string;
}

export async function createTeam(t: TestApp): Promise<Team> {
  const organization = await createOrganization(t);
  const organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
  const key = async (role: 'ORGANIZER' | 'READ_ONLY') =>
    (
      await t
        .http()
        .post('/api/api-keys')
        .set(bearer(organizer.token))
        .send({ name: `credentials ${role}`, role })
        .expect(201)
    ).body.key as string;
  return {
    organizationId: organization.id,
    slug: organization.slug,
    organizer,
    apiKey: await key('ORGANIZER'),
    readOnlyKey: await key('READ_ONLY'),
  };
}

/** A project (event) with one occurrence; `path` is its `/api/v1/projects/{team}/{project}`. */
export async function createProject(t: TestApp, team: Team, capacity: number | null = null) {
  const event = await createEvent(t, team.organizationId);
  const occurrence = await createOccurrence(t, event.id, { capacity });
  return {
    eventId: event.id,
    occurrenceId: occurrence.id,
    path: `/api/v1/projects/${team.slug}/${event.slug}`,
  };
}

/** Registers someone through the seed 002 API, as an integrator would; answers the registration. */
export async function register(
  t: TestApp,
  team: Team,
  occurrenceId: string,
  person: { firstName?: string; lastName?: string } = {},
): Promise<{ id: string; status: string }> {
  const tag = randomUUID().slice(0, 8);
  const res = await t
    .http()
    .post('/api/v1/event-registrations')
    .set({ 'x-api-key': team.apiKey })
    .send({
      occurrenceId,
      externalUserId: `ext-${tag}`,
      fields: {
        firstName: person.firstName ?? 'Jane',
        lastName: person.lastName ?? `Smith-${tag}`,
        email: `jane-${tag}@example.com`,
      },
    })
    .expect(201);
  return { id: res.body.id, status: res.body.status };
}

/** The registration's status as the seed 002 API shows it. */
export async function statusOf(t: TestApp, team: Team, attendeeId: string): Promise<string> {
  const res = await t
    .http()
    .get(`/api/v1/event-registrations/${attendeeId}`)
    .set({ 'x-api-key': team.apiKey })
    .expect(200);
  return res.body.status;
}

type Events = CredentialsEvents & RegistrationEvents;

/**
 * Listens to a credentials or registrations event inside the transaction that emits it
 * (emitAsync awaits the listener), to fail or pause that transaction on purpose. Answers the
 * listener's removal.
 */
export function listenInside<Name extends keyof Events>(
  t: TestApp,
  name: Name,
  listener: (payload: Events[Name]) => Promise<void>,
): () => void {
  const emitter = t.app.get(EventEmitter2);
  // EventEmitter2 types listeners as returning void; emitAsync does await the promise.
  const handler = listener as (payload: Events[Name]) => void;
  emitter.on(name, handler);
  return () => emitter.off(name, handler);
}
