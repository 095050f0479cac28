import { Membership } from 'src/modules/auth/membership.entity';
import { User } from 'src/modules/auth/user.entity';
import {
  appointManager,
  bearer,
  createCategory,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
  type TestUser,
} from '../../support/factories';
import { startTestApp } from '../../support/test-app';
import {
  asAdmin,
  type Caller,
  type CallerKind,
  ctx,
  FIXTURE_WORD,
  type Ids,
  unique,
} from './matrix';

/**
 * The shared world every row reads (built once), and the fresh data mutating rows arrange.
 *
 * Org A has E1 (published; managerE1 manages it; also GxP project P1 and Planning Center signup
 * S1), E2 (published; managerE2's; project P2), D1 (draft); org B has F1. The owner, a plain USER
 * of org A, has an attendee in E1 (A1, registered through seed 000, with type T1, group G1,
 * credential K1, an emergency contact and a check-in) and a seed 002 registration on O1 (R1).
 * E2 holds A2, T2, G2 and K2: ids that exist, but not in E1.
 */

async function createKey(by: TestUser, role: 'ORGANIZER' | 'READ_ONLY', extra: object = {}) {
  const res = await ctx.t
    .http()
    .post('/api/api-keys')
    .set(bearer(by.token))
    .send({ name: `key ${unique()}`, role, ...extra });
  if (res.status !== 201) throw new Error(`POST /api/api-keys: ${res.status} ${res.text}`);
  return res.body as { id: string; key: string; organizationId: string };
}

/** A key of org A made by the Admin (for the rows that revoke or expire one). */
export const keyOfA = (role: 'ORGANIZER' | 'READ_ONLY', extra: object = {}) =>
  createKey(ctx.admin, role, { organizationId: ctx.fx.orgA, ...extra });

const keyCaller = (kind: CallerKind, key: string, organizationId: string): Caller => ({
  kind,
  headers: { 'x-api-key': key },
  organizationId,
});
const userCaller = (kind: CallerKind, u: TestUser): Caller => ({
  kind,
  headers: bearer(u.token),
  organizationId: u.role === 'ADMIN' ? null : u.organizationId,
});

const dataId = (res: { body: { data: { id: string } } }) => res.body.data.id;

export async function setUpWorld(): Promise<void> {
  const t = (ctx.t = await startTestApp());
  const fx = ctx.fx;
  const orgA = await createOrganization(t, { name: 'Organization A' });
  const orgB = await createOrganization(t);
  Object.assign(fx, { orgA: orgA.id, orgB: orgB.id, orgASlug: orgA.slug });

  const event = (organizationId: string, name: string, status: 'PUBLISHED' | 'DRAFT') =>
    createEvent(t, organizationId, { title: `${FIXTURE_WORD} ${name}`, status });
  const e1 = await event(orgA.id, 'E1', 'PUBLISHED');
  const e2 = await event(orgA.id, 'E2', 'PUBLISHED');
  const d1 = await event(orgA.id, 'D1', 'DRAFT');
  const f1 = await event(orgB.id, 'F1', 'PUBLISHED');
  Object.assign(fx, {
    e1: e1.id,
    e2: e2.id,
    d1: d1.id,
    f1: f1.id,
    p1: `/api/v1/projects/${orgA.slug}/${e1.slug}`,
    p2: `/api/v1/projects/${orgA.slug}/${e2.slug}`,
    o1: (await createOccurrence(t, e1.id)).id,
    c1: (await createCategory(t, orgA.id)).id,
  });

  const organizerA = await createUser(t, { role: 'ORGANIZER', organizationId: orgA.id });
  const organizerB = await createUser(t, { role: 'ORGANIZER', organizationId: orgB.id });
  ctx.admin = await createUser(t, { role: 'ADMIN' });
  ctx.member = await createUser(t, { organizationId: orgA.id });
  ctx.owner = await createUser(t, { organizationId: orgA.id });
  ctx.managerE1 = await createUser(t, { organizationId: orgA.id });
  ctx.managerE2 = await createUser(t, { organizationId: orgA.id });
  await appointManager(t, e1.id, ctx.managerE1.id);
  await appointManager(t, e2.id, ctx.managerE2.id);

  // The owner is also known to integrators (seed 002) by an external id.
  fx.ownerExternalId = `owner-${unique()}`;
  await t.orm.em
    .fork()
    .getConnection()
    .execute(`update users set external_id = ? where id = ?`, [fx.ownerExternalId, ctx.owner.id]);

  const keyA = await createKey(organizerA, 'ORGANIZER');
  const readKeyA = await createKey(organizerA, 'READ_ONLY');
  const keyB = await createKey(organizerB, 'ORGANIZER');
  Object.assign(fx, { keyAId: keyA.id, keyBId: keyB.id });

  ctx.callers = {
    anonymous: { kind: 'anonymous', headers: {}, organizationId: null },
    user: userCaller('user', await createUser(t)),
    member: userCaller('member', ctx.member),
    owner: userCaller('owner', ctx.owner),
    organizerA: userCaller('organizerA', organizerA),
    organizerB: userCaller('organizerB', organizerB),
    admin: userCaller('admin', ctx.admin),
    managerE1: userCaller('managerE1', ctx.managerE1),
    managerE2: userCaller('managerE2', ctx.managerE2),
    keyA: keyCaller('keyA', keyA.key, orgA.id),
    readKeyA: keyCaller('readKeyA', readKeyA.key, orgA.id),
    keyB: keyCaller('keyB', keyB.key, orgB.id),
  };

  // E1 as a project: the owner's attendee with everything a row may read.
  fx.t1 = dataId(await asAdmin('post', `${fx.p1}/attendee-types`, { name: 'Speaker' }, 201));
  fx.cf1 = dataId(
    await asAdmin(
      'post',
      `${fx.p1}/custom-fields`,
      { key: 'company', label: 'Company', type: 'text' },
      201,
    ),
  );
  fx.a1 = await ownersAttendance(e1.id);
  await asAdmin(
    'patch',
    `${fx.p1}/attendees/${fx.a1}`,
    {
      first_name: 'Jane',
      last_name: 'Smith',
      attendee_type_id: fx.t1,
      emergency_contact: { name: 'John Smith', phone_number: '+1 555 0100' },
      custom_fields: { company: 'Acme' },
    },
    200,
  );
  fx.g1 = dataId(await asAdmin('post', `${fx.p1}/groups`, { name: 'Press' }, 201));
  await asAdmin('post', `${fx.p1}/groups/${fx.g1}/attendees`, { attendee_ids: [fx.a1] }, 200);
  fx.k1 = dataId(await asAdmin('post', `${fx.p1}/attendees/${fx.a1}/credentials`, {}, 201));
  await asAdmin('post', `${fx.p1}/check-ins`, { attendee_id: fx.a1, direction: 'in' }, 201);
  fx.r1 = await ownersRegistration(fx.o1);

  // E2 as a project: things that exist, in another project of the same organization.
  fx.a2 = dataId(
    await asAdmin('post', `${fx.p2}/attendees`, { first_name: 'Max', last_name: 'Other' }, 201),
  );
  fx.t2 = dataId(await asAdmin('post', `${fx.p2}/attendee-types`, { name: 'Speaker' }, 201));
  fx.g2 = dataId(await asAdmin('post', `${fx.p2}/groups`, { name: 'Press' }, 201));
  fx.k2 = dataId(await asAdmin('post', `${fx.p2}/attendees/${fx.a2}/credentials`, {}, 201));
}

// ---------------------------------------------------------------------------------------------
// Fresh data for mutating rows

/** The owner's attendance (seed 000), made by the Admin: its id is the attendee's. */
async function ownersAttendance(eventId: string): Promise<string> {
  const res = await asAdmin(
    'post',
    '/api/attendances',
    { userId: ctx.owner.id, eventId, state: 'CONFIRMADO' },
    201,
  );
  return res.body.id as string;
}

/** The owner's seed 002 registration: integrators know the owner by their external id. */
async function ownersRegistration(occurrenceId: string): Promise<string> {
  const res = await asAdmin(
    'post',
    '/api/v1/event-registrations',
    { occurrenceId, externalUserId: ctx.fx.ownerExternalId },
    201,
  );
  if (res.body.user?.id !== ctx.owner.id) throw new Error('the registration is not the owner’s');
  return res.body.id as string;
}

/** A published event of org A managed by managerE1: a fresh stand-in for E1 when the case mutates. */
export async function eventLikeE1(): Promise<Ids> {
  const slug = `like-e1-${unique()}`;
  const event = await createEvent(ctx.t, ctx.fx.orgA, { status: 'PUBLISHED', slug });
  await appointManager(ctx.t, event.id, ctx.managerE1.id);
  return { eventId: event.id, path: `/api/v1/projects/${ctx.fx.orgASlug}/${slug}` };
}

export async function occurrenceOfEventLikeE1(): Promise<Ids> {
  const arranged = await eventLikeE1();
  const occurrence = await createOccurrence(ctx.t, arranged.eventId, { capacity: 10 });
  return { ...arranged, occurrenceId: occurrence.id };
}

export async function registrationOfEventLikeE1(): Promise<Ids> {
  const arranged = await occurrenceOfEventLikeE1();
  return { ...arranged, registrationId: await ownersRegistration(arranged.occurrenceId) };
}

export async function attendanceOfEventLikeE1(): Promise<Ids> {
  const arranged = await eventLikeE1();
  return { ...arranged, attendanceId: await ownersAttendance(arranged.eventId) };
}

type ProjectPart = 'type' | 'field' | 'group' | 'member' | 'credential';

/**
 * A project like E1 (fresh event, managerE1 its manager) with the owner's attendee, and whatever
 * else the row changes: an attendee type, a custom field, a group (`member`: the attendee in it),
 * a credential of the attendee. `path` is its `/api/v1/projects/{team}/{project}`.
 */
export async function projectLikeE1(...parts: ProjectPart[]): Promise<Ids> {
  const arranged = await eventLikeE1();
  const { path } = arranged;
  const made: Ids = { ...arranged, attendeeId: await ownersAttendance(arranged.eventId) };
  if (parts.includes('type')) {
    made.typeId = dataId(await asAdmin('post', `${path}/attendee-types`, { name: 'Crew' }, 201));
  }
  if (parts.includes('field')) {
    const body = { key: 'company', label: 'Company', type: 'text' };
    made.fieldId = dataId(await asAdmin('post', `${path}/custom-fields`, body, 201));
  }
  if (parts.includes('group') || parts.includes('member')) {
    made.groupId = dataId(await asAdmin('post', `${path}/groups`, { name: 'Crew' }, 201));
  }
  if (parts.includes('member')) {
    const body = { attendee_ids: [made.attendeeId] };
    await asAdmin('post', `${path}/groups/${made.groupId}/attendees`, body, 200);
  }
  if (parts.includes('credential')) {
    const res = await asAdmin('post', `${path}/attendees/${made.attendeeId}/credentials`, {}, 201);
    made.credentialId = dataId(res);
  }
  return made;
}

export const userOfA = async (): Promise<Ids> => ({
  userId: (await createUser(ctx.t, { organizationId: ctx.fx.orgA })).id,
});

export async function membershipOfUserOfA(): Promise<Ids> {
  const { userId } = await userOfA();
  const em = ctx.t.orm.em.fork();
  const membership = em.create(Membership, {
    user: em.getReference(User, userId),
    name: 'Silver',
    startsAt: new Date('2026-01-01T00:00:00Z'),
    endsAt: null,
  });
  await em.flush();
  return { userId, membershipId: membership.id };
}
