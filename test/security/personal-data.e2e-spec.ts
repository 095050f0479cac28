import { randomUUID } from 'node:crypto';
import {
  bearer,
  createCategory,
  createEvent,
  createOccurrence,
  createOrganization,
  createUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';
import { itLogsNoSecrets, startSecurityApp } from './security-fixture';

const PASSWORD = 'correct-horse-battery-staple';

interface Operation {
  security?: Record<string, string[]>[];
}

/** GET operations of the live OpenAPI document that an anonymous caller may call. */
async function publicReads(t: TestApp): Promise<string[]> {
  const document = (await t.http().get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.entries(document.paths)
    .filter(([, operations]) => {
      const security = operations.get?.security;
      return operations.get && (!security || security.some((s) => Object.keys(s).length === 0));
    })
    .map(([path]) => path);
}

/**
 * Public endpoints show published events and who attends them, by display name only: never an
 * email, a phone number or a custom field answer, whichever API the person registered through.
 */
describe('personal data on public endpoints', () => {
  let t: TestApp;
  const marker = randomUUID().slice(0, 8);
  // Values no public answer may hold. Every person below attends the same published event.
  const secrets = {
    nameless: `nameless-${marker}@example.com`,
    namelessPhone: `+1 555 ${marker}`,
    external: `external-${marker}@example.com`,
    externalPhone: `+44 20 ${marker}`,
    externalAnswer: `answer-${marker}`,
    gxp: `gxp-${marker}@example.com`,
    gxpPhone: `+33 1 ${marker}`,
    gxpField: `field-${marker}`,
    emergencyPhone: `+49 30 ${marker}`,
  };
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startSecurityApp();
    const organization = await createOrganization(t);
    const organizer = await createUser(t, {
      role: 'ORGANIZER',
      organizationId: organization.id,
    });
    const event = await createEvent(t, organization.id, { title: `Open Day ${marker}` });
    const occurrence = await createOccurrence(t, event.id);
    const category = await createCategory(t, organization.id);
    ids = { event: event.id, occurrence: occurrence.id, category: category.id };
    await t
      .http()
      .patch(`/api/events/${event.id}`)
      .set(bearer(organizer.token))
      .send({ categoryIds: [category.id] })
      .expect(200);

    // Seed 000: someone who registered with an email and a phone, but no name.
    const nameless = await t
      .http()
      .post('/api/auth/register')
      .send({ email: secrets.nameless, password: PASSWORD, phone: secrets.namelessPhone })
      .expect(201);
    const token = (
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: secrets.nameless, password: PASSWORD })
        .expect(200)
    ).body.accessToken as string;
    await t
      .http()
      .post('/api/attendances')
      .set(bearer(token))
      .send({ userId: nameless.body.id, eventId: event.id, state: 'CONFIRMADO' })
      .expect(201);

    // Seed 002: an integrator's person, known by email, phone and free-form answers only.
    await t
      .http()
      .post('/api/v1/event-registrations')
      .set(bearer(organizer.token))
      .send({
        occurrenceId: occurrence.id,
        externalUserId: `ext-${marker}`,
        fields: {
          email: secrets.external,
          phone: secrets.externalPhone,
          t: secrets.externalAnswer,
        },
      })
      .expect(201);

    // Seed 003: a GxP attendee with every private detail there is.
    const project = `/api/v1/projects/${organization.slug}/${event.slug}`;
    await t
      .http()
      .post(`${project}/custom-fields`)
      .set(bearer(organizer.token))
      .send({ key: 'company', label: 'Company', type: 'text' })
      .expect(201);
    await t
      .http()
      .post(`${project}/attendees`)
      .set(bearer(organizer.token))
      .send({
        first_name: 'Grace',
        last_name: `Private-${marker}`,
        email: secrets.gxp,
        phone: secrets.gxpPhone,
        custom_fields: { company: secrets.gxpField },
        emergency_contact: { name: 'Next Of Kin', phone_number: secrets.emergencyPhone },
      })
      .expect(201);
  });
  afterAll(() => t.close());

  const leaks = (body: unknown) => {
    const text = JSON.stringify(body);
    return Object.entries(secrets)
      .filter(([, value]) => text.includes(value))
      .map(([what]) => what);
  };

  it('lists every attendee publicly by display name, and nothing more private', async () => {
    const res = await t.http().get(`/api/attendances?searchTerm=${marker}`);
    const everyone = await t.http().get(`/api/events/${ids.event}`);

    expect(res.status).toBe(200);
    expect(everyone.body.attendances).toHaveLength(3);
    expect(everyone.body.attendances.map((a: { userName: string }) => a.userName).sort()).toEqual([
      '',
      '',
      `Grace Private-${marker}`,
    ]);
    expect(leaks(res.body)).toEqual([]);
    expect(leaks(everyone.body)).toEqual([]);
  });

  it('cannot be searched by email, phone or answer: the public search is no oracle', async () => {
    for (const [what, value] of Object.entries(secrets)) {
      const res = await t.http().get(`/api/attendances?searchTerm=${encodeURIComponent(value)}`);
      expect({ what, total: res.body.meta.total }).toEqual({ what, total: 0 });
    }
  });

  it('holds no email, phone or custom field answer in any public GET of the API', async () => {
    const paths = await publicReads(t);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/attendances', '/api/events/{id}', '/api/categories/{id}']),
    );
    const concrete = (path: string) =>
      path
        .replace('{eventId}/occurrences/{id}', `${ids.event}/occurrences/${ids.occurrence}`)
        .replace('{eventId}', ids.event)
        .replace('/events/{id}', `/events/${ids.event}`)
        .replace('/categories/{id}', `/categories/${ids.category}`);

    for (const path of [...paths.map(concrete), '/metrics']) {
      const res = await t.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, leaks: leaks(res.body ?? res.text) }).toEqual({ path, leaks: [] });
      expect({ path, leaks: leaks(res.text) }).toEqual({ path, leaks: [] });
    }
  });

  itLogsNoSecrets(() => [PASSWORD]);
});
