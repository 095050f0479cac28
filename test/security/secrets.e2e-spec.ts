import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { WebhookDispatcher } from 'src/modules/webhooks/webhook-dispatcher';
import { capturedLogLines } from '../support/log-capture';
import {
  bearer,
  createEvent,
  createOrganization,
  createUser,
  type TestUser,
} from '../support/factories';
import type { TestApp } from '../support/test-app';
import { type Receiver, startReceiver, verified } from '../webhooks/receiver';
import { itLogsNoSecrets, leakedSecrets, startSecurityApp } from './security-fixture';

const PASSWORD = 'correct-horse-battery-staple';
const JSON_API = 'application/vnd.api+json';

/** How each kind of secret is kept, and that none of them travels further than it must. */
describe('secrets', () => {
  let t: TestApp;
  let organizer: TestUser;
  let organizationId: string;
  let receiver: Receiver;
  const webhookSecrets: string[] = [];

  beforeAll(async () => {
    t = await startSecurityApp({
      env: {
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        WEBHOOK_POLL_MS: '60000',
      },
    });
    receiver = await startReceiver();
    organizationId = (await createOrganization(t)).id;
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const sql = <T>(query: string, params: unknown[] = []) =>
    t.orm.em.fork().getConnection().execute<T>(query, params);

  describe('passwords', () => {
    let email: string;
    let userId: string;
    let token: string;
    beforeAll(async () => {
      email = `hashed-${Date.now()}@example.com`;
      const registered = await t
        .http()
        .post('/api/auth/register')
        .send({ email, password: PASSWORD, name: 'Hashed Person' })
        .expect(201);
      userId = registered.body.id as string;
      token = (
        await t.http().post('/api/auth/login').send({ email, password: PASSWORD }).expect(200)
      ).body.accessToken as string;
    });

    it('are stored as argon2id PHC strings, never as given', async () => {
      const [row] = await sql<{ password_hash: string }[]>(
        'select password_hash from users where id = ?',
        [userId],
      );

      expect(row.password_hash).toMatch(
        /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[\w+/-]+\$[\w+/-]+$/,
      );
      expect(row.password_hash).not.toContain(PASSWORD);
    });

    it('never leave the database: no answer about their owner holds the password or its hash', async () => {
      const event = await createEvent(t, organizationId, { title: 'Hash Watch' });
      const [{ password_hash: hash }] = await sql<{ password_hash: string }[]>(
        'select password_hash from users where id = ?',
        [userId],
      );
      const attendance = await t
        .http()
        .post('/api/attendances')
        .set(bearer(token))
        .send({ userId, eventId: event.id, state: 'CONFIRMADO' })
        .expect(201);
      const admin = await createUser(t, { role: 'ADMIN' });
      await t
        .http()
        .patch(`/api/users/${userId}`)
        .set(bearer(admin.token))
        .send({ organizationId })
        .expect(200);
      const asOrganizer = bearer(organizer.token);
      const signupAttendee = `/registrations/v2/signups/${event.id}/attendees/${attendance.body.id}`;

      const answers: Response[] = [
        await t.http().get('/api/auth/me').set(bearer(token)),
        await t.http().get(`/api/users/${userId}`).set(bearer(token)),
        await t.http().patch(`/api/users/${userId}`).set(bearer(token)).send({ name: 'Renamed' }),
        await t.http().get(`/api/users?q=${email}`).set(bearer(admin.token)),
        await t.http().get('/api/attendances?searchTerm=Hash'),
        await t.http().get(`/api/events/${event.id}`),
        await t.http().get(`/api/v1/event-registrations?eventId=${event.id}`).set(asOrganizer),
        await t
          .http()
          .get(`${signupAttendee}?include=person`)
          .set(asOrganizer)
          .set('accept', JSON_API),
        await t.http().get(`${signupAttendee}/person`).set(asOrganizer).set('accept', JSON_API),
      ];

      for (const res of answers) {
        const path = res.request.url;
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        const text = JSON.stringify(res.body);
        expect({ path, hasUser: text.includes(userId) }).toEqual({ path, hasUser: true });
        expect({ path, leaks: /password|argon2/i.test(text) || text.includes(hash) }).toEqual({
          path,
          leaks: false,
        });
      }
    });
  });

  describe('webhook secrets', () => {
    const subscribe = async () => {
      const res = await t
        .http()
        .post('/api/webhooks')
        .set(bearer(organizer.token))
        .send({ url: receiver.url, events: ['*'] })
        .expect(201);
      webhookSecrets.push(res.body.secret as string);
      return res.body as { id: string; secret: string };
    };

    it('are shown on creation and rotation only: reads, lists and updates never carry them', async () => {
      const { id, secret } = await subscribe();
      const rotated = await t
        .http()
        .post(`/api/webhooks/${id}/rotate-secret`)
        .set(bearer(organizer.token))
        .expect(200);
      webhookSecrets.push(rotated.body.secret as string);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(secret);

      const answers = [
        await t.http().get(`/api/webhooks/${id}`).set(bearer(organizer.token)),
        await t.http().get('/api/webhooks').set(bearer(organizer.token)),
        await t
          .http()
          .patch(`/api/webhooks/${id}`)
          .set(bearer(organizer.token))
          .send({ description: 'still secret' }),
        await t.http().get(`/api/webhooks/${id}/deliveries`).set(bearer(organizer.token)),
      ];

      for (const res of answers) {
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toMatch(/whsec_|"secret"/);
      }
    });

    it('sign deliveries without ever travelling in them', async () => {
      const { id, secret } = await subscribe();
      receiver.received.length = 0;

      await t.http().post(`/api/webhooks/${id}/test`).set(bearer(organizer.token)).expect(202);
      await t.app.get(WebhookDispatcher).drain();

      expect(receiver.received).toHaveLength(1);
      const [delivery] = receiver.received;
      expect(verified(secret, delivery).type).toBe('webhook.test');
      const travelled = JSON.stringify({ headers: delivery.headers, body: delivery.body });
      expect(travelled).not.toContain(secret.slice('whsec_'.length));
    });
  });

  describe('a statement that fails while writing a secret', () => {
    // Triggers that refuse only this test's rows: other test files may share the database.
    const MARK = `refuse-${Date.now()}`;
    const TRIGGERS: [table: string, condition: string][] = [
      ['users', `new.email like '${MARK}%'`],
      ['api_keys', `new.name = '${MARK}'`],
      ['webhook_subscriptions', `new.description = '${MARK}'`],
    ];
    beforeAll(async () => {
      for (const [table, condition] of TRIGGERS) {
        await sql(`create function ${table}_refuse_marked() returns trigger language plpgsql as $$
          begin if ${condition} then raise exception 'refused by a test trigger'; end if;
          return new; end $$`);
        await sql(`create trigger refuse_marked before insert on ${table}
          for each row execute function ${table}_refuse_marked()`);
      }
    });
    afterAll(async () => {
      for (const [table] of TRIGGERS) {
        await sql(`drop trigger refuse_marked on ${table}`);
        await sql(`drop function ${table}_refuse_marked()`);
      }
    });

    it('is logged as an error without the values it was writing', async () => {
      const before = capturedLogLines.length;
      const failures = [
        await t
          .http()
          .post('/api/auth/register')
          .send({ email: `${MARK}@example.com`, password: PASSWORD }),
        await t
          .http()
          .post('/api/api-keys')
          .set(bearer(organizer.token))
          .send({ name: MARK, role: 'ORGANIZER' }),
        await t
          .http()
          .post('/api/webhooks')
          .set(bearer(organizer.token))
          .send({ url: receiver.url, events: ['*'], description: MARK }),
      ];

      expect(failures.map((res) => res.status)).toEqual([500, 500, 500]);
      const logged = capturedLogLines.slice(before);
      expect(logged.filter((line) => line.includes('refused by a test trigger'))).toHaveLength(3);
      expect(leakedSecrets(logged, [PASSWORD])).toEqual([]);
    });
  });

  describe('the first Admin', () => {
    let dataDir: string;
    beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'turnout-first-admin-'))));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('keeps a generated password in an owner-only file, and says where in the log, never what', async () => {
      const before = capturedLogLines.length;
      const fresh = await startSecurityApp({ env: { DATABASE_URL: '', DATA_DIR: dataDir } });
      try {
        const file = join(dataDir, 'admin-password');
        const password = readFileSync(file, 'utf8').trim();
        const logged = capturedLogLines.slice(before);

        expect(statSync(file).mode & 0o077).toBe(0);
        expect(
          logged.filter((line) => line.includes(`generated password in ${file}`)),
        ).toHaveLength(1);
        expect(logged.filter((line) => line.includes(password))).toEqual([]);
        const login = await fresh
          .http()
          .post('/api/auth/login')
          .send({ email: 'admin@turnout.local', password });
        expect(login.status).toBe(200);
      } finally {
        await fresh.close();
      }
    });
  });

  itLogsNoSecrets(() => [PASSWORD, ...webhookSecrets]);
});
