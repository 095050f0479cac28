import { EventEmitter2 } from '@nestjs/event-emitter';
import type { CredentialsEvents } from 'src/modules/credentials/credentials.events';
import { bearer, createOrganization, createUser, holdSeats } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import {
  createProject,
  createTeam,
  listenInside,
  problemType,
  register,
  statusOf,
  type Team,
} from './project-fixture';

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const onPostgres = Boolean(process.env.DATABASE_URL);

describe('seed 003: check-ins', () => {
  let t: TestApp;
  let team: Team;
  let apiKeyId: string;
  beforeAll(async () => {
    t = await startTestApp();
    team = await createTeam(t);
    const keys = await t.http().get('/api/api-keys').set(bearer(team.organizer.token)).expect(200);
    apiKeyId = (keys.body as Array<{ id: string; name: string }>).find(
      (key) => key.name === 'credentials ORGANIZER',
    )!.id;
  });
  afterAll(() => t.close());

  const asKey = () => ({ 'x-api-key': team.apiKey });
  /** A project with a CONFIRMED attendee holding the credential `value`. */
  const attendeeWithCredential = async (value: string, name = { firstName: 'Jane' }) => {
    const project = await createProject(t, team);
    const attendee = await register(t, team, project.occurrenceId, name);
    await t
      .http()
      .post(`${project.path}/attendees/${attendee.id}/credentials`)
      .set(asKey())
      .send({ value })
      .expect(201);
    return { ...project, attendee };
  };
  const scan = (path: string, body: object, auth: Record<string, string> = asKey()) =>
    t.http().post(`${path}/check-ins`).set(auth).send(body);
  const scansOf = async (path: string, query = '') =>
    (await t.http().get(`${path}/check-ins${query}`).set(asKey()).expect(200)).body;

  describe('admitting', () => {
    it('checks an attendee in by credential value: the first entry makes them ATTENDED', async () => {
      const { path, attendee } = await attendeeWithCredential('QR-ADA', { firstName: 'Ada' });
      const [credential] = (
        await t.http().get(`${path}/attendees/${attendee.id}/credentials`).set(asKey())
      ).body.data;

      const res = await scan(path, { credential_value: 'QR-ADA', gate: 'North entrance' });

      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        data: {
          id: expect.any(String),
          attendee_id: attendee.id,
          credential_id: credential.id,
          direction: 'in',
          gate: 'North entrance',
          nonce: null,
          scanned_at: expect.stringMatching(ISO_SECONDS),
          scanned_by: { type: 'api_key', id: apiKeyId },
          first_entry: true,
          attendee: {
            id: attendee.id,
            first_name: 'Ada',
            last_name: expect.any(String),
            status: 'ATTENDED',
            checked_in_at: expect.stringMatching(ISO_SECONDS),
          },
        },
      });
      expect(await statusOf(t, team, attendee.id)).toBe('ATTENDED');
    });

    it('checks an attendee in by id, without a credential, and names the person who scanned', async () => {
      const project = await createProject(t, team);
      const attendee = await register(t, team, project.occurrenceId);

      const res = await scan(
        project.path,
        { attendee_id: attendee.id },
        bearer(team.organizer.token),
      );

      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        credential_id: null,
        first_entry: true,
        scanned_by: { type: 'user', id: team.organizer.id },
        attendee: { status: 'ATTENDED' },
      });
      expect(await statusOf(t, team, attendee.id)).toBe('ATTENDED');
    });

    it('lets an ATTENDED attendee out and in again, recording every scan, none of them a first entry', async () => {
      const { path, attendee } = await attendeeWithCredential('QR-INOUT');
      const first = await scan(path, { credential_value: 'QR-INOUT' });

      const again = await scan(path, { credential_value: 'QR-INOUT' });
      const out = await scan(path, { credential_value: 'QR-INOUT', direction: 'out' });
      const back = await scan(path, { credential_value: 'QR-INOUT', direction: 'in' });

      expect([again, out, back].map((res) => [res.status, res.body.data.first_entry])).toEqual([
        [201, false],
        [201, false],
        [201, false],
      ]);
      expect(out.body.data).toMatchObject({ direction: 'out', attendee: { status: 'ATTENDED' } });
      expect(back.body.data.attendee.checked_in_at).toBe(first.body.data.attendee.checked_in_at);
      expect((await scansOf(path)).meta.total).toBe(4);
      expect(await statusOf(t, team, attendee.id)).toBe('ATTENDED');
    });

    it('records a check-out of someone never checked in without admitting them', async () => {
      const { path, attendee } = await attendeeWithCredential('QR-OUT-FIRST');

      const res = await scan(path, { credential_value: 'QR-OUT-FIRST', direction: 'out' });

      expect(res.status).toBe(201);
      expect(res.body.data).toMatchObject({
        first_entry: false,
        attendee: { status: 'CONFIRMED' },
      });
      expect(await statusOf(t, team, attendee.id)).toBe('CONFIRMED');
    });
  });

  describe('refusing', () => {
    it('refuses a cancelled attendee with 409 not-admissible naming the status, recording nothing', async () => {
      const { path, attendee } = await attendeeWithCredential('QR-CANCELLED');
      await t
        .http()
        .put(`/api/v1/event-registrations/${attendee.id}`)
        .set(asKey())
        .send({ status: 'CANCELLED' })
        .expect(200);

      const res = await scan(path, { credential_value: 'QR-CANCELLED' });

      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        type: problemType('not-admissible'),
        attendee_status: 'CANCELLED',
      });
      expect((await scansOf(path)).meta.total).toBe(0);
    });

    it('refuses an attendee on the waiting list with 409 not-admissible', async () => {
      const project = await createProject(t, team, 1);
      await holdSeats(t, 'occurrences', project.occurrenceId, 1);
      const waiting = await register(t, team, project.occurrenceId);
      expect(waiting.status).toBe('WAITING_LIST');

      const res = await scan(project.path, { attendee_id: waiting.id });

      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        type: problemType('not-admissible'),
        attendee_status: 'WAITING_LIST',
      });
      expect(await statusOf(t, team, waiting.id)).toBe('WAITING_LIST');
    });

    it('answers 404 for an unknown credential value and for an attendee not in the project', async () => {
      const { path } = await attendeeWithCredential('QR-KNOWN');
      const elsewhere = await attendeeWithCredential('QR-ELSEWHERE');

      const unknownValue = await scan(path, { credential_value: 'QR-UNKNOWN' });
      const otherProjectsValue = await scan(path, { credential_value: 'QR-ELSEWHERE' });
      const otherProjectsAttendee = await scan(path, { attendee_id: elsewhere.attendee.id });

      expect([unknownValue, otherProjectsValue].map((res) => res.body.type)).toEqual([
        problemType('credential-not-found'),
        problemType('credential-not-found'),
      ]);
      expect(unknownValue.status).toBe(404);
      expect(otherProjectsAttendee.status).toBe(404);
      expect(otherProjectsAttendee.body.type).toBe(problemType('attendee-not-found'));
    });

    it('requires exactly one of credential_value and attendee_id (400 with pointers)', async () => {
      const { path, attendee } = await attendeeWithCredential('QR-ONE');

      const neither = await scan(path, { direction: 'in' });
      const both = await scan(path, { credential_value: 'QR-ONE', attendee_id: attendee.id });
      const badDirection = await scan(path, { credential_value: 'QR-ONE', direction: 'sideways' });

      const pointers = (res: { body: { errors: Array<{ pointer: string }> } }) =>
        res.body.errors.map((e) => e.pointer).sort();
      expect([neither.status, both.status, badDirection.status]).toEqual([400, 400, 400]);
      expect(pointers(neither)).toEqual(['/attendee_id', '/credential_value']);
      expect(pointers(both)).toEqual(['/attendee_id', '/credential_value']);
      expect(pointers(badDirection)).toEqual(['/direction']);
      expect((await scansOf(path)).meta.total).toBe(0);
    });
  });

  describe('nonces', () => {
    it('answers a retried scan exactly as the first time, and records it once', async () => {
      const { path, attendee } = await attendeeWithCredential('QR-RETRY');

      const first = await scan(path, { credential_value: 'QR-RETRY', nonce: 'scanner-7:0001' });
      const retry = await scan(path, { credential_value: 'QR-RETRY', nonce: 'scanner-7:0001' });

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(first.body.data.first_entry).toBe(true);
      const scans = await scansOf(path, `?attendee_id=${attendee.id}`);
      expect(scans.meta.total).toBe(1);
    });

    it('refuses a nonce reused for another attendee or the other direction (409 nonce-reused)', async () => {
      const { path, occurrenceId, attendee } = await attendeeWithCredential('QR-NONCE');
      const other = await register(t, team, occurrenceId);
      await scan(path, { credential_value: 'QR-NONCE', nonce: 'n-1' }).expect(201);

      const otherAttendee = await scan(path, { attendee_id: other.id, nonce: 'n-1' });
      const otherDirection = await scan(path, {
        attendee_id: attendee.id,
        direction: 'out',
        nonce: 'n-1',
      });

      for (const res of [otherAttendee, otherDirection]) {
        expect(res.status).toBe(409);
        expect(res.body.type).toBe(problemType('nonce-reused'));
      }
      expect(await statusOf(t, team, other.id)).toBe('CONFIRMED');
      expect((await scansOf(path)).meta.total).toBe(1);
    });

    it('keeps nonces per project: the same nonce in another project is another scan', async () => {
      const one = await attendeeWithCredential('QR-P1');
      const two = await attendeeWithCredential('QR-P2');

      const a = await scan(one.path, { credential_value: 'QR-P1', nonce: 'shared' });
      const b = await scan(two.path, { credential_value: 'QR-P2', nonce: 'shared' });

      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.data.id).not.toBe(b.body.data.id);
    });
  });

  describe('the scan list', () => {
    it('lists scans newest first, filtered by attendee and by direction', async () => {
      const { path, occurrenceId, attendee } = await attendeeWithCredential('QR-LIST');
      const other = await register(t, team, occurrenceId);
      const made = [];
      made.push((await scan(path, { credential_value: 'QR-LIST' })).body.data.id);
      made.push((await scan(path, { attendee_id: other.id })).body.data.id);
      made.push((await scan(path, { credential_value: 'QR-LIST', direction: 'out' })).body.data.id);

      const all = await scansOf(path);
      const mine = await scansOf(path, `?attendee_id=${attendee.id}`);
      const outs = await scansOf(path, '?direction=out');
      const page = await scansOf(path, '?per_page=1&page=2');

      expect(all.data.map((s: { id: string }) => s.id)).toEqual([...made].reverse());
      expect(all.meta).toEqual({ current_page: 1, per_page: 25, total: 3, last_page: 1 });
      expect(mine.data.map((s: { id: string }) => s.id)).toEqual([made[2], made[0]]);
      expect(outs.data.map((s: { id: string }) => s.id)).toEqual([made[2]]);
      expect(page.data.map((s: { id: string }) => s.id)).toEqual([made[1]]);
      expect(page.meta.last_page).toBe(3);
    });

    it('refuses an unknown direction filter (400)', async () => {
      const { path } = await createProject(t, team);
      const res = await t.http().get(`${path}/check-ins?direction=up`).set(asKey());
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ pointer: '/direction', in: 'query' });
    });
  });

  describe('who may', () => {
    it('lets a read-only API key list scans but not scan (403)', async () => {
      const { path } = await attendeeWithCredential('QR-RO');
      const readOnly = { 'x-api-key': team.readOnlyKey };

      expect((await t.http().get(`${path}/check-ins`).set(readOnly)).status).toBe(200);
      expect((await scan(path, { credential_value: 'QR-RO' }, readOnly)).status).toBe(403);
      expect((await scansOf(path)).meta.total).toBe(0);
    });

    it('hides the project from a plain user of the organization and from another organization’s organizer (404)', async () => {
      const { path } = await attendeeWithCredential('QR-HIDDEN');
      const member = await createUser(t, { organizationId: team.organizationId });
      const outsider = await createUser(t, {
        role: 'ORGANIZER',
        organizationId: (await createOrganization(t)).id,
      });

      for (const caller of [member, outsider]) {
        const post = await scan(path, { credential_value: 'QR-HIDDEN' }, bearer(caller.token));
        const list = await t.http().get(`${path}/check-ins`).set(bearer(caller.token));
        expect([post.status, list.status]).toEqual([404, 404]);
        expect(post.body.type).toBe(problemType('project-not-found'));
      }
    });
  });

  describe('in one transaction', () => {
    it('emits attendee.checked_in on the first entry only, with the admitted attendee', async () => {
      const { path, attendee } = await attendeeWithCredential('QR-EVENT');
      const emitter = t.app.get(EventEmitter2);
      const seen: Array<CredentialsEvents['attendee.checked_in']> = [];
      const listener = (payload: CredentialsEvents['attendee.checked_in']) => {
        if (payload.attendee.id === attendee.id) seen.push(payload);
      };
      emitter.on('attendee.checked_in', listener);
      try {
        const first = await scan(path, { credential_value: 'QR-EVENT' });
        await scan(path, { credential_value: 'QR-EVENT' });

        expect(seen).toHaveLength(1);
        expect(seen[0]).toMatchObject({
          checkIn: { id: first.body.data.id, attendeeId: attendee.id, firstEntry: true },
          attendee: { id: attendee.id, status: 'ATTENDED' },
          event: { organizationId: team.organizationId },
        });
      } finally {
        emitter.off('attendee.checked_in', listener);
      }
    });

    it('rolls back the admission when the scan fails after it (one transaction)', async () => {
      const { path, attendee } = await attendeeWithCredential('QR-ROLLBACK');
      // Fails the scan after the attendee was made ATTENDED and the scan was written.
      const stop = listenInside(t, 'attendee.checked_in', () =>
        Promise.reject(new Error('listener failure (expected by the test)')),
      );
      try {
        const res = await scan(path, { credential_value: 'QR-ROLLBACK' });
        expect(res.status).toBe(500);
      } finally {
        stop();
      }

      expect(await statusOf(t, team, attendee.id)).toBe('CONFIRMED');
      expect((await scansOf(path)).meta.total).toBe(0);
      const retried = await scan(path, { credential_value: 'QR-ROLLBACK' });
      expect(retried.body.data.first_entry).toBe(true);
    });
  });

  /**
   * Races. Meaningful on PostgreSQL only: PGlite has one connection and serialises every request.
   *
   * Negative controls (run by hand on PostgreSQL):
   * - without the per-attendee scan lock (lockAttendee(tx, 'scans', …) in CheckInsService.record),
   *   the second test fails: all 10 simultaneous scans answered first_entry: true;
   * - without the replay on a unique violation (the catch in CheckInsService.scan), the third test
   *   fails: the loser got the generic 409 `conflict` instead of `nonce-reused`;
   * - without both, the first test fails too: the retries got 409 `conflict`, not the replay;
   * - with an unconditional UPDATE in RegistrationsService.admit, the cancellation test fails: the
   *   scan answered 201 and made the cancelled attendee ATTENDED.
   */
  (onPostgres ? describe : describe.skip)(
    'under concurrency (runs when DATABASE_URL is set; PGlite serialises everything)',
    () => {
      let base: string;
      beforeAll(async () => {
        await t.app.listen({ port: 0, host: '127.0.0.1' });
        base = await t.app.getUrl();
      });
      const post = async (path: string, body: object) => {
        const res = await fetch(`${base}${path}/check-ins`, {
          method: 'POST',
          headers: { 'x-api-key': team.apiKey, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as { data: { id: string } } };
      };

      it('records one scan for 20 simultaneous retries with the same nonce, all answered alike', async () => {
        const { path, attendee } = await attendeeWithCredential('QR-RACE-NONCE');

        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            post(path, { credential_value: 'QR-RACE-NONCE', nonce: 'race-1' }),
          ),
        );

        expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
        expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
        expect((await scansOf(path)).meta.total).toBe(1);
        expect(await statusOf(t, team, attendee.id)).toBe('ATTENDED');
      });

      it('admits once: of 10 simultaneous scans of a confirmed attendee exactly one is the first entry', async () => {
        const { path } = await attendeeWithCredential('QR-RACE-FIRST');

        const results = await Promise.all(
          Array.from({ length: 10 }, () => post(path, { credential_value: 'QR-RACE-FIRST' })),
        );

        expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
        const firsts = results.filter(
          (r) => (r.body.data as unknown as { first_entry: boolean }).first_entry,
        );
        expect(firsts).toHaveLength(1);
        expect((await scansOf(path)).meta.total).toBe(10);
      });

      it('does not admit an attendee whose cancellation commits while the scan waits for them (409)', async () => {
        const { path, occurrenceId } = await createProject(t, team);
        const { id } = await register(t, team, occurrenceId);
        let entered!: () => void;
        const inside = new Promise<void>((resolve) => (entered = resolve));
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        // The cancellation has changed the row and pauses before it commits.
        const stop = listenInside(t, 'registration.cancelled', async (event) => {
          if (event.attendee.id !== id) return;
          entered();
          await held;
        });
        try {
          const cancelling = fetch(`${base}/api/v1/event-registrations/${id}`, {
            method: 'PUT',
            headers: { 'x-api-key': team.apiKey, 'content-type': 'application/json' },
            body: JSON.stringify({ status: 'CANCELLED' }),
          });
          await inside;
          // The scan reads them CONFIRMED (the cancellation is not committed) and waits for the row.
          const scanning = post(path, { attendee_id: id, direction: 'in' });
          await new Promise((resolve) => setTimeout(resolve, 300));
          release();
          const [cancelled, scanned] = await Promise.all([cancelling, scanning]);

          expect(cancelled.status).toBe(200);
          expect(scanned.status).toBe(409);
          expect((scanned.body as unknown as { type: string }).type).toBe(
            problemType('not-admissible'),
          );
        } finally {
          release();
          stop();
        }
        expect(await statusOf(t, team, id)).toBe('CANCELLED');
        expect((await scansOf(path, `?attendee_id=${id}`)).meta.total).toBe(0);
      });

      it('lets one of two attendees have a nonce scanned for both at once, and leaves the other unadmitted', async () => {
        const { path, occurrenceId, attendee } = await attendeeWithCredential('QR-RACE-A');
        const other = await register(t, team, occurrenceId);

        const results = await Promise.all([
          post(path, { attendee_id: attendee.id, nonce: 'race-2' }),
          post(path, { attendee_id: other.id, nonce: 'race-2' }),
        ]);

        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
        const refused = results.find((r) => r.status === 409)!.body as unknown as { type: string };
        expect(refused.type).toBe(problemType('nonce-reused'));
        const statuses = [await statusOf(t, team, attendee.id), await statusOf(t, team, other.id)];
        expect(statuses.sort()).toEqual(['ATTENDED', 'CONFIRMED']);
        expect((await scansOf(path)).meta.total).toBe(1);
      });
    },
  );
});
