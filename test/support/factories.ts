import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { hashPassword } from '@turnout/common/crypto/password';
import type { Role } from 'src/modules/auth/auth-context';
import { Organization } from 'src/modules/auth/organization.entity';
import { TokenService } from 'src/modules/auth/token.service';
import { User } from 'src/modules/auth/user.entity';
import { Category } from 'src/modules/events/category.entity';
import { EventManager } from 'src/modules/events/event-manager.entity';
import { Event, type EventStatus } from 'src/modules/events/event.entity';
import { Occurrence } from 'src/modules/events/occurrence.entity';
import type { TestApp } from './test-app';

/** Test data, written straight to the database so each test arranges only what it needs, fast. */
const unique = () => randomUUID().slice(0, 8);

async function persist<T extends object>(t: TestApp, make: (em: EntityManager) => T): Promise<T> {
  const em = t.orm.em.fork();
  const entity = make(em);
  await em.flush();
  return entity;
}

export function createOrganization(
  t: TestApp,
  fields: Partial<{ slug: string; name: string }> = {},
) {
  const slug = fields.slug ?? `org-${unique()}`;
  return persist(t, (em) =>
    em.create(Organization, { slug, name: fields.name ?? `Organization ${slug}` }),
  );
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  organizationId: string | null;
  /** A valid access token for this user. */
  token: string;
}

export async function createUser(
  t: TestApp,
  fields: Partial<{
    role: Role;
    organizationId: string | null;
    email: string;
    password: string;
    name: string;
  }> = {},
): Promise<TestUser> {
  const email = fields.email ?? `user-${unique()}@example.com`;
  const passwordHash = fields.password ? await hashPassword(fields.password) : null;
  const user = await persist(t, (em) =>
    em.create(User, {
      email,
      name: fields.name ?? email.split('@')[0],
      role: fields.role ?? 'USER',
      organization: fields.organizationId
        ? em.getReference(Organization, fields.organizationId, { wrapped: true })
        : null,
      passwordHash,
    }),
  );
  const organizationId = fields.organizationId ?? null;
  const token = t.app
    .get(TokenService)
    .issue({ userId: user.id, role: user.role, organizationId }).accessToken;
  return { id: user.id, email, role: user.role, organizationId, token };
}

export function createEvent(
  t: TestApp,
  organizationId: string,
  fields: Partial<{
    title: string;
    slug: string;
    status: EventStatus;
    capacity: number | null;
    startsAt: Date;
  }> = {},
) {
  const slug = fields.slug ?? `event-${unique()}`;
  return persist(t, (em) =>
    em.create(Event, {
      organizationId,
      slug,
      title: fields.title ?? `Event ${slug}`,
      status: fields.status ?? 'PUBLISHED',
      capacity: fields.capacity ?? null,
      startsAt: fields.startsAt ?? null,
    }),
  );
}

export function createOccurrence(
  t: TestApp,
  eventId: string,
  fields: Partial<{ capacity: number | null }> = {},
) {
  return persist(t, (em) =>
    em.create(Occurrence, {
      event: em.getReference(Event, eventId),
      startDate: new Date('2030-01-01T10:00:00Z'),
      endDate: new Date('2030-01-01T18:00:00Z'),
      capacity: fields.capacity ?? null,
    }),
  );
}

export function createCategory(t: TestApp, organizationId: string, name = `Category ${unique()}`) {
  return persist(t, (em) => em.create(Category, { organizationId, name }));
}

export function appointManager(t: TestApp, eventId: string, userId: string) {
  return persist(t, (em) =>
    em.create(EventManager, { event: em.getReference(Event, eventId), userId }),
  );
}

/** Seats held on an occurrence or event, as the registrations module will keep them. */
export async function holdSeats(
  t: TestApp,
  table: 'occurrences' | 'events',
  id: string,
  seats: number,
) {
  await t.orm.em
    .fork()
    .getConnection()
    .execute(`update ${table} set seats_held = ? where id = ?`, [seats, id]);
}

/** `Authorization` header for a token or API key. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
