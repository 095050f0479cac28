import { appointManager, bearer, createOrganization, createUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  createProject,
  createTeam,
  listenInside,
  problemType,
  register,
  type Team,
} from './project-fixture';

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('seed 003: credential types and attendee credentials', () => {
  let t: TestApp;
  let team: Team;
  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t);
  });
  afterAll(() => t.close());

  const asKey = () => ({ 'x-api-key': team.apiKey });
  /** A project with one registered attendee; `credentials` is that attendee's credentials path. */
  const projectWithAttendee = async () => {
    const project = await createProject(t, team);
    const attendee = await register(t, team, project.occurrenceId);
    return {
      ...project,
      attendee,
      credentials: `${project.path}/attendees/${attendee.id}/credentials`,
    };
  };
  const typeId = async (path: string, code: string): Promise<string> => {
    const res = await t.http().get(`${path}/credential-types`).set(asKey()).expect(200);
    return (res.body.data as Array<{ id: string; code: string }>).find(
      (type) => type.code === code,
    )!.id;
  };

  describe('credential types', () => {
    it('gives every project the barcode, QR code, RFID and NFC types', async () => {
      const { path } = await createProject(t, team);

      const res = await t.http().get(`${path}/credential-types`).set(asKey());

      expect(res.status).toBe(200);
      const byCode = Object.fromEntries(
        (res.body.data as Array<{ code: string; name: string }>).map((type) => [
          type.code,
          type.name,
        ]),
      );
      expect(byCode).toEqual({ barcode: 'Barcode', qr: 'QR code', rfid: 'RFID', nfc: 'NFC' });
      for (const type of res.body.data) {
        expect(Object.keys(type).sort()).toEqual(['code', 'created_at', 'id', 'name']);
        expect(type.id).toMatch(UUID);
        expect(type.created_at).toMatch(ISO_SECONDS);
      }
      expect(res.body.meta).toEqual({ current_page: 1, per_page: 25, total: 4, last_page: 1 });
      expect(res.body.links).toEqual({
        first: `${path}/credential-types?page=1&per_page=25`,
        last: `${path}/credential-types?page=1&per_page=25`,
        prev: null,
        next: null,
      });
    });

    it('seeds the defaults once, however often and however concurrently they are asked for', async () => {
      const { path } = await createProject(t, team);

      await Promise.all([1, 2, 3].map(() => t.http().get(`${path}/credential-types`).set(asKey())));
      const res = await t.http().get(`${path}/credential-types`).set(asKey());

      expect(res.body.meta.total).toBe(4);
    });

    it('adds a project’s own type, and refuses a code the project already has (409)', async () => {
      const { path } = await createProject(t, team);

      const created = await t
        .http()
        .post(`${path}/credential-types`)
        .set(asKey())
        .send({ code: 'wristband', name: 'Wristband' });
      const again = await t
        .http()
        .post(`${path}/credential-types`)
        .set(asKey())
        .send({ code: 'wristband', name: 'Another wristband' });
      const defaultCode = await t
        .http()
        .post(`${path}/credential-types`)
        .set(asKey())
        .send({ code: 'qr', name: 'My QR' });

      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ code: 'wristband', name: 'Wristband' });
      expect(created.body.data.created_at).toMatch(ISO_SECONDS);
      expect(again.status).toBe(409);
      expect(again.body.type).toBe(problemType('credential-type-code-taken'));
      expect(defaultCode.status).toBe(409);
      const list = await t.http().get(`${path}/credential-types`).set(asKey());
      expect(list.body.meta.total).toBe(5);
    });

    it('refuses a code that is not slug-like, pointing at it (400)', async () => {
      const { path } = await createProject(t, team);

      const res = await t
        .http()
        .post(`${path}/credential-types`)
        .set(asKey())
        .send({ code: 'Bad Code', name: '' });

      expect(res.status).toBe(400);
      const pointers = new Set(res.body.errors.map((e: { pointer: string }) => e.pointer));
      expect([...pointers].sort()).toEqual(['/code', '/name']);
    });
  });

  describe('adding credentials', () => {
    it('adds a credential with the given value, of the QR code type by default', async () => {
      const { path, attendee, credentials } = await projectWithAttendee();

      const res = await t.http().post(credentials).set(asKey()).send({ value: 'ABC123456' });

      expect(res.status).toBe(201);
      const qr = await typeId(path, 'qr');
      expect(res.body).toEqual({
        data: {
          id: expect.stringMatching(UUID),
          attendee_id: attendee.id,
          credential_type_id: qr,
          credential_type: { id: qr, code: 'qr', name: 'QR code' },
          value: 'ABC123456',
          created_at: expect.stringMatching(ISO_SECONDS),
        },
      });
      const list = await t.http().get(credentials).set(asKey()).expect(200);
      expect(list.body.data).toEqual([res.body.data]);
    });

    it('adds a credential of the type named', async () => {
      const { path, credentials } = await projectWithAttendee();
      const rfid = await typeId(path, 'rfid');

      const res = await t
        .http()
        .post(credentials)
        .set(asKey())
        .send({ credential_type_id: rfid, value: '04:A2:3B:7C' });

      expect(res.status).toBe(201);
      expect(res.body.data.credential_type).toEqual({ id: rfid, code: 'rfid', name: 'RFID' });
    });

    it('generates an unguessable 24-character URL-safe value when none is given', async () => {
      const { credentials } = await projectWithAttendee();

      const values: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.http().post(credentials).set(asKey()).send({}).expect(201);
        values.push(res.body.data.value);
      }

      for (const value of values) expect(value).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(new Set(values).size).toBe(3);
    });

    it('refuses a value already used in the project (409), but not one used in another project', async () => {
      const first = await projectWithAttendee();
      const sameProject = await register(t, team, first.occurrenceId);
      const other = await projectWithAttendee();
      await t.http().post(first.credentials).set(asKey()).send({ value: 'BADGE-1' }).expect(201);

      const duplicate = await t
        .http()
        .post(`${first.path}/attendees/${sameProject.id}/credentials`)
        .set(asKey())
        .send({ value: 'BADGE-1' });
      const elsewhere = await t
        .http()
        .post(other.credentials)
        .set(asKey())
        .send({ value: 'BADGE-1' });

      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({
        type: problemType('credential-taken'),
        title: 'Duplicate entry: that credential value already exists in this project',
      });
      expect(elsewhere.status).toBe(201);
    });

    it('refuses a credential type of another project with 422 unknown-credential-type', async () => {
      const { credentials } = await projectWithAttendee();
      const other = await createProject(t, team);
      const foreign = await typeId(other.path, 'barcode');

      const res = await t
        .http()
        .post(credentials)
        .set(asKey())
        .send({ credential_type_id: foreign, value: 'X-1' });

      expect(res.status).toBe(422);
      expect(res.body.type).toBe(problemType('unknown-credential-type'));
      expect((await t.http().get(credentials).set(asKey())).body.meta.total).toBe(0);
    });

    it('answers 404 attendee-not-found for another project’s attendee and for an unknown one', async () => {
      const { path } = await projectWithAttendee();
      const other = await projectWithAttendee();

      const foreign = await t
        .http()
        .post(`${path}/attendees/${other.attendee.id}/credentials`)
        .set(asKey())
        .send({ value: 'X-2' });
      const unknown = await t
        .http()
        .get(`${path}/attendees/00000000-0000-4000-8000-000000000000/credentials`)
        .set(asKey());

      expect(foreign.status).toBe(404);
      expect(foreign.body.type).toBe(problemType('attendee-not-found'));
      expect(unknown.status).toBe(404);
      expect(unknown.body.type).toBe(problemType('attendee-not-found'));
    });

    it('refuses values with whitespace at either end or control characters, and a malformed id (400)', async () => {
      const { path, credentials } = await projectWithAttendee();

      for (const value of [' ABC', 'ABC\n', 'A\u0000B', '', 'x'.repeat(201)]) {
        const res = await t.http().post(credentials).set(asKey()).send({ value });
        expect({ value, status: res.status, pointer: res.body.errors?.[0]?.pointer }).toEqual({
          value,
          status: 400,
          pointer: '/value',
        });
      }
      const badId = await t.http().get(`${path}/attendees/not-a-uuid/credentials`).set(asKey());
      expect(badId.status).toBe(400);
      expect(badId.body.errors[0]).toMatchObject({ pointer: '/attendeeId', in: 'path' });
    });
  });

  describe('listing and removing', () => {
    it('lists an attendee’s credentials oldest first, a page at a time', async () => {
      const { credentials } = await projectWithAttendee();
      for (const value of ['V-1', 'V-2', 'V-3']) {
        await t.http().post(credentials).set(asKey()).send({ value }).expect(201);
      }

      const first = await t.http().get(`${credentials}?per_page=2`).set(asKey());
      const second = await t.http().get(`${credentials}?per_page=2&page=2`).set(asKey());

      expect(first.body.data.map((c: { value: string }) => c.value)).toEqual(['V-1', 'V-2']);
      expect(first.body.meta).toEqual({ current_page: 1, per_page: 2, total: 3, last_page: 2 });
      expect(first.body.links.next).toBe(`${credentials}?per_page=2&page=2`);
      expect(second.body.data.map((c: { value: string }) => c.value)).toEqual(['V-3']);
      expect(second.body.links.prev).toBe(`${credentials}?per_page=2&page=1`);
    });

    it('removes a credential (204): it is gone and its value can be given again', async () => {
      const { credentials } = await projectWithAttendee();
      const created = await t.http().post(credentials).set(asKey()).send({ value: 'GONE-1' });

      const removed = await t.http().delete(`${credentials}/${created.body.data.id}`).set(asKey());
      const again = await t.http().delete(`${credentials}/${created.body.data.id}`).set(asKey());

      expect(removed.status).toBe(204);
      expect(again.status).toBe(404);
      expect(again.body.type).toBe(problemType('credential-not-found'));
      expect((await t.http().get(credentials).set(asKey())).body.data).toEqual([]);
      await t.http().post(credentials).set(asKey()).send({ value: 'GONE-1' }).expect(201);
    });

    it('answers 404 when removing another attendee’s credential, and keeps it', async () => {
      const { path, occurrenceId, credentials } = await projectWithAttendee();
      const other = await register(t, team, occurrenceId);
      const created = await t.http().post(credentials).set(asKey()).send({ value: 'MINE-1' });

      const res = await t
        .http()
        .delete(`${path}/attendees/${other.id}/credentials/${created.body.data.id}`)
        .set(asKey());

      expect(res.status).toBe(404);
      expect((await t.http().get(credentials).set(asKey())).body.meta.total).toBe(1);
    });

    it('removes an attendee’s credentials with their registration, so the values can be reused', async () => {
      const { path, occurrenceId, attendee, credentials } = await projectWithAttendee();
      await t.http().post(credentials).set(asKey()).send({ value: 'CASCADE-1' }).expect(201);
      await t.http().post(credentials).set(asKey()).send({ value: 'CASCADE-2' }).expect(201);

      await t.http().delete(`/api/v1/event-registrations/${attendee.id}`).set(asKey()).expect(200);

      expect((await t.http().get(credentials).set(asKey())).status).toBe(404);
      const scan = await t
        .http()
        .post(`${path}/check-ins`)
        .set(asKey())
        .send({ credential_value: 'CASCADE-1' });
      expect(scan.status).toBe(404);
      expect(scan.body.type).toBe(problemType('credential-not-found'));
      const newcomer = await register(t, team, occurrenceId);
      await t
        .http()
        .post(`${path}/attendees/${newcomer.id}/credentials`)
        .set(asKey())
        .send({ value: 'CASCADE-1' })
        .expect(201);
    });
  });

  describe('who may', () => {
    it('hides the project (404 project-not-found) from a plain user of the organization and from another organization’s organizer', async () => {
      const { credentials, path } = await projectWithAttendee();
      const member = await createUser(t, { organizationId: team.organizationId });
      const outsider = await createUser(t, {
        role: 'ORGANIZER',
        organizationId: (await createOrganization(t)).id,
      });

      for (const caller of [member, outsider]) {
        for (const res of [
          await t.http().get(credentials).set(bearer(caller.token)),
          await t.http().post(credentials).set(bearer(caller.token)).send({ value: 'NOPE' }),
          await t.http().get(`${path}/credential-types`).set(bearer(caller.token)),
        ]) {
          expect(res.status).toBe(404);
          expect(res.body.type).toBe(problemType('project-not-found'));
        }
      }
    });

    it('lets a read-only API key read credentials but not add or remove them (403)', async () => {
      const { credentials, path } = await projectWithAttendee();
      const created = await t.http().post(credentials).set(asKey()).send({ value: 'RO-1' });
      const readOnly = { 'x-api-key': team.readOnlyKey };

      const list = await t.http().get(credentials).set(readOnly);
      const types = await t.http().get(`${path}/credential-types`).set(readOnly);
      const add = await t.http().post(credentials).set(readOnly).send({ value: 'RO-2' });
      const remove = await t.http().delete(`${credentials}/${created.body.data.id}`).set(readOnly);
      const addType = await t
        .http()
        .post(`${path}/credential-types`)
        .set(readOnly)
        .send({ code: 'ro', name: 'Read-only' });

      expect(list.status).toBe(200);
      expect(list.body.meta.total).toBe(1);
      expect(types.status).toBe(200);
      expect([add.status, remove.status, addType.status]).toEqual([403, 403, 403]);
    });

    it('lets the organizer and a signup manager of the event manage credentials', async () => {
      const { eventId, credentials } = await projectWithAttendee();
      const manager = await createUser(t, { organizationId: team.organizationId });
      await appointManager(t, eventId, manager.id);

      const byOrganizer = await t
        .http()
        .post(credentials)
        .set(bearer(team.organizer.token))
        .send({ value: 'ORG-1' });
      const byManager = await t
        .http()
        .post(credentials)
        .set(bearer(manager.token))
        .send({ value: 'MGR-1' });

      expect([byOrganizer.status, byManager.status]).toEqual([201, 201]);
    });
  });
  /**
   * Meaningful on PostgreSQL only: PGlite has one connection and serialises every request.
   *
   * Negative control (run by hand on PostgreSQL): without the per-attendee credentials lock
   * (lockAttendee(tx, 'credentials', …) in CredentialsService.create and removeAllOf), credentials
   * added while their attendee was being deleted outlived the attendee (its value stayed taken).
   */
  (process.env.DATABASE_URL ? describe : describe.skip)(
    'under concurrency (runs when DATABASE_URL is set; PGlite serialises everything)',
    () => {
      let base: string;
      beforeAll(async () => {
        await t.app.listen({ port: 0, host: '127.0.0.1' });
        base = await t.app.getUrl();
      });
      const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const call = async (method: string, path: string, body?: object) =>
        (
          await fetch(`${base}${path}`, {
            method,
            headers: body ? { ...asKey(), 'content-type': 'application/json' } : asKey(),
            body: body ? JSON.stringify(body) : undefined,
          })
        ).status;

      it('lets no credential outlive its attendee when the registration is deleted while the credential is being added', async () => {
        const project = await createProject(t, team);
        const attendee = await register(t, team, project.occurrenceId);
        let deletion: Promise<number> | undefined;
        // Runs inside the addition's transaction, after its insert: the deletion starts then, and
        // gets 300 ms to run as far as it can before the addition commits.
        const stop = listenInside(t, 'credential.created', async ({ credential }) => {
          if (credential.attendeeId !== attendee.id || deletion) return;
          deletion = call('DELETE', `/api/v1/event-registrations/${attendee.id}`);
          await delay(300);
        });
        try {
          const added = await call('POST', `${project.path}/attendees/${attendee.id}/credentials`, {
            value: 'RACE-1',
          });
          expect([added, await deletion]).toEqual([201, 200]);
        } finally {
          stop();
        }

        const scan = await fetch(`${base}${project.path}/check-ins`, {
          method: 'POST',
          headers: { ...asKey(), 'content-type': 'application/json' },
          body: JSON.stringify({ credential_value: 'RACE-1' }),
        });
        expect(((await scan.json()) as { type: string }).type).toBe(
          problemType('credential-not-found'),
        );
        const newcomer = await register(t, team, project.occurrenceId);
        expect(
          await call('POST', `${project.path}/attendees/${newcomer.id}/credentials`, {
            value: 'RACE-1',
          }),
        ).toBe(201);
      });
    },
  );
});
