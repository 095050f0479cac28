import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { isForbiddenAddress } from '@turnout/common/webhooks/safe-target';
import { WebhookDispatcher } from 'src/modules/webhooks/webhook-dispatcher';
import { bearer, createOrganization, createUser, type TestUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { type Receiver, startReceiver } from '../webhooks/receiver';
import { itLogsNoSecrets, problemType, startSecurityApp } from './security-fixture';

/** Every spelling of an internal address a URL parser accepts, none of them a public receiver. */
const INTERNAL_URLS = [
  'https://127.0.0.1/hook',
  'https://127.1/hook',
  'https://2130706433/hook',
  'https://0x7f.0.0.1/hook',
  'https://0177.0.0.1/hook',
  'https://0.0.0.0/hook',
  'https://[::1]/hook',
  'https://[::]/hook',
  'https://[::ffff:127.0.0.1]/hook',
  'https://[::ffff:7f00:1]/hook',
  'https://[::ffff:169.254.169.254]/latest/meta-data',
  'https://[::ffff:10.0.0.1]/hook',
  'https://[64:ff9b::a00:1]/hook',
  'https://[2002:c0a8:101::1]/hook',
  'https://[fd00:ec2::254]/latest/meta-data',
  'https://[fe80::1]/hook',
  'https://169.254.169.254/latest/meta-data',
  'https://10.1.2.3/hook',
  'https://172.16.0.1/hook',
  'https://192.168.1.1/hook',
  'https://100.64.0.1/hook',
  'https://localhost/hook',
  'https://metadata.localhost/hook',
  'https://user:password@hooks.example.com/hook',
  'http://hooks.example.com/hook',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_FLUSHALL',
];

/**
 * Webhook URLs cannot reach Turnout's own network by default. Unit tests cover the address rules
 * (libs/common/src/webhooks/safe-target.spec.ts, post-webhook.spec.ts) and
 * test/webhooks/delivery-policy.e2e-spec.ts shows redirects are never followed; these show the
 * API and the dispatcher apply them.
 */
describe('SSRF through webhook URLs', () => {
  let t: TestApp;
  let organizer: TestUser;
  beforeAll(async () => {
    t = await startSecurityApp();
    const organization = await createOrganization(t);
    organizer = await createUser(t, { role: 'ORGANIZER', organizationId: organization.id });
  });
  afterAll(() => t.close());

  const subscribe = (url: string) =>
    t
      .http()
      .post('/api/webhooks')
      .set(bearer(organizer.token))
      .send({ url, events: ['*'] });

  it.each(INTERNAL_URLS)('refuses to subscribe %s', async (url) => {
    const res = await subscribe(url);
    expect(res.status).toBe(422);
    expect(res.body.type).toBe(problemType('invalid-url'));
  });

  it('refuses to move an existing subscription to any of them', async () => {
    const created = await subscribe('https://hooks.example.com/turnout').expect(201);
    const path = `/api/webhooks/${created.body.id}`;

    for (const url of INTERNAL_URLS) {
      const res = await t.http().patch(path).set(bearer(organizer.token)).send({ url });
      expect({ url, status: res.status, type: res.body.type }).toEqual({
        url,
        status: 422,
        type: problemType('invalid-url'),
      });
    }

    const after = await t.http().get(path).set(bearer(organizer.token)).expect(200);
    expect(after.body.url).toBe('https://hooks.example.com/turnout');
  });

  describe('a name that resolves to an internal address', () => {
    // This machine's own name resolves to itself: loopback, or a private address in a container.
    const name = hostname();
    let httpAllowed: TestApp;
    let receiver: Receiver;
    beforeAll(async () => {
      httpAllowed = await startSecurityApp({ env: { WEBHOOK_ALLOW_HTTP: 'true' } });
      receiver = await startReceiver();
    });
    afterAll(async () => {
      await httpAllowed.close();
      await receiver.close();
    });

    it('is refused when the dispatcher connects, and nothing reaches the receiver', async () => {
      const { address } = await lookup(name);
      expect({ name, address, internal: isForbiddenAddress(address) }).toMatchObject({
        internal: true,
      });
      const url = receiver.url.replace('127.0.0.1', name);
      const organization = await createOrganization(httpAllowed);
      const owner = await createUser(httpAllowed, {
        role: 'ORGANIZER',
        organizationId: organization.id,
      });
      // A name is only judged when connecting: what it resolves to may change (DNS rebinding).
      const { id } = (
        await httpAllowed
          .http()
          .post('/api/webhooks')
          .set(bearer(owner.token))
          .send({ url, events: ['*'] })
          .expect(201)
      ).body as { id: string };

      await httpAllowed
        .http()
        .post(`/api/webhooks/${id}/test`)
        .set(bearer(owner.token))
        .expect(202);
      await httpAllowed.app.get(WebhookDispatcher).drain();

      expect(receiver.received).toEqual([]);
      const log = await httpAllowed
        .http()
        .get(`/api/webhooks/${id}/deliveries`)
        .set(bearer(owner.token))
        .expect(200);
      expect(log.body.data[0].attemptLog[0]).toMatchObject({
        responseStatus: null,
        error: expect.stringContaining(`${name} resolves to ${address}`),
      });
    });
  });

  itLogsNoSecrets();
});
