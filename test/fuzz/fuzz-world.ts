import { WebhookDispatcher } from 'src/modules/webhooks/webhook-dispatcher';
import {
  appointManager,
  bearer,
  createCategory,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';
import {
  createProject,
  expectStatus,
  type Headers,
  type Project,
  projectApi,
} from '../projects/project-fixture';

/** Who sends a generated request. */
export type Caller = 'admin' | 'organizer' | 'anonymous';

/**
 * A small but complete world for the fuzzer: one of every resource the API addresses, so path
 * parameters can be real ids and a request gets past "not found" to the code that reads its input.
 */
export interface FuzzWorld {
  headers: Record<Caller, Headers>;
  /** The real value of each placeholder of `path` (`{id}` depends on the collection before it). */
  pathValues(path: string): Record<string, string>;
  /** Real ids a valid body may refer to, by property name (`eventId`, `attendee_type_id`…). */
  references: Record<string, string>;
}

/**
 * The environment the fuzzed app runs with: a small body limit keeps "too large" cheap to send,
 * and the offer sweep waits, so a snapshot taken around a refused request sees only what that
 * request did.
 */
export const FUZZ_ENV = {
  BODY_LIMIT: String(64 * 1024),
  OFFER_SWEEP_SECONDS: '3600',
};

const as = (user: TestUser): Headers => ({ ...bearer(user.token), accept: 'application/json' });

const firstId = (body: { data: Array<{ id: string }> }) => body.data[0].id;

/** The project side: an attendee with a type, answers, a group, a credential and a check-in. */
async function arrangeProject(t: TestApp, project: Project) {
  const api = projectApi(t, project);
  const attendeeType = await api.type('Fuzz type');
  await api.field('company', 'text');
  await api.field('age', 'number');
  await api.field('size', 'select', { options: ['s', 'm', 'l'] });
  const group = await api.group('Fuzz group');
  const attendee = await api.attendee({
    email: 'fuzz.attendee@example.com',
    attendee_type_id: attendeeType,
    custom_fields: { company: 'Acme', age: 42, size: 'm' },
    emergency_contact: { name: 'Someone', phone_number: '+1 555 0100' },
  });
  await api.join(group, [attendee.id]);
  const credential = expectStatus(await api.post(`/attendees/${attendee.id}/credentials`, {}), 201)
    .body.data.id as string;
  expectStatus(await api.post('/check-ins', { attendee_id: attendee.id }), 201);
  return {
    attendeeType,
    group,
    attendee: attendee.id,
    credential,
    customField: firstId(expectStatus(await api.get('/custom-fields'), 200).body),
    credentialType: firstId(expectStatus(await api.get('/credential-types'), 200).body),
  };
}

/**
 * The management side, on an event of its own (a PATCH that renames it cannot move the project's
 * slugs): an occurrence, a category, a member with a membership, an attendance, an event
 * registration, an API key and a webhook with a delivery.
 */
async function arrangeManagement(t: TestApp, project: Project) {
  const post = async (path: string, body: object, status = 201) =>
    expectStatus(await t.http().post(path).set(as(project.organizer)).send(body), status).body
      .id as string;
  const event = await createEvent(t, project.organizationId, { capacity: 100 });
  const occurrence = await createOccurrence(t, event.id, { capacity: 50 });
  const member = await createUser(t, { organizationId: project.organizationId });
  await appointManager(t, event.id, member.id);
  const webhook = await post('/api/webhooks', {
    url: 'https://example.com/turnout-fuzz',
    events: ['attendee.created'],
  });
  return {
    event: event.id,
    occurrence: occurrence.id,
    member: member.id,
    category: (await createCategory(t, project.organizationId)).id,
    otherOrganization: (await createOrganization(t)).id,
    membership: await post(`/api/users/${member.id}/memberships`, {
      name: 'Gold',
      startsAt: '2030-01-01T00:00:00Z',
    }),
    attendance: await post('/api/attendances', {
      userId: member.id,
      eventId: event.id,
      state: 'CONFIRMADO',
    }),
    registration: await post('/api/v1/event-registrations', {
      occurrenceId: occurrence.id,
      externalUserId: 'fuzz-external-1',
      fields: { email: 'fuzz.registrant@example.com', firstName: 'Reg', lastName: 'Istrant' },
    }),
    apiKey: await post('/api/api-keys', { name: 'fuzz key', role: 'READ_ONLY' }),
    webhook,
    delivery: await post(`/api/webhooks/${webhook}/test`, {}, 202),
  };
}

/** Resolves each `{placeholder}` by the collection segment before it (`/groups/{id}`). */
function pathResolver(byCollection: Record<string, string>, projectSlug: string) {
  return (path: string) => {
    const segments = path.split('/');
    const values: Record<string, string> = {};
    segments.forEach((segment, index) => {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      if (!name) return;
      const value = name === 'projectSlug' ? projectSlug : byCollection[segments[index - 1]];
      if (!value) throw new Error(`The fuzz world has no value for {${name}} in ${path}`);
      values[name] = value;
    });
    return values;
  };
}

/**
 * Arranges the world through the API and the factories. The webhook dispatcher is stopped first:
 * it updates deliveries on its own clock, which a snapshot would take for the fuzzer's doing.
 */
export async function buildWorld(t: TestApp): Promise<FuzzWorld> {
  await t.app.get(WebhookDispatcher).onModuleDestroy();
  const admin = await createUser(t, { role: 'ADMIN' });
  const project = await createProject(t);
  const gxp = await arrangeProject(t, project);
  const ids = await arrangeManagement(t, project);
  const byCollection: Record<string, string> = {
    users: ids.member,
    memberships: ids.membership,
    organizations: ids.otherOrganization,
    'api-keys': ids.apiKey,
    events: ids.event,
    occurrences: ids.occurrence,
    managers: ids.member,
    categories: ids.category,
    attendances: ids.attendance,
    'event-registrations': ids.registration,
    projects: project.teamSlug,
    'attendee-types': gxp.attendeeType,
    'custom-fields': gxp.customField,
    groups: gxp.group,
    attendees: gxp.attendee,
    credentials: gxp.credential,
    signups: project.eventId,
    webhooks: ids.webhook,
    deliveries: ids.delivery,
  };
  return {
    headers: {
      admin: as(admin),
      organizer: as(project.organizer),
      anonymous: { accept: 'application/json' },
    },
    pathValues: pathResolver(byCollection, project.projectSlug),
    references: {
      userId: ids.member,
      eventId: ids.event,
      occurrenceId: ids.occurrence,
      organizationId: project.organizationId,
      categoryId: ids.category,
      attendee_type_id: gxp.attendeeType,
      attendee_id: gxp.attendee,
      credential_type_id: gxp.credentialType,
    },
  };
}
