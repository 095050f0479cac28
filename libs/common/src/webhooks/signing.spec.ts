import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, signPayload, webhookHeaders } from './signing';

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('webhook signing', () => {
  const oldSecret = generateWebhookSecret();
  const newSecret = generateWebhookSecret();
  const body = JSON.stringify({ type: 'thing.created', data: { id: 42, name: 'Zoë' } });

  function signed(secrets: string[], timestamp = nowSeconds()) {
    return webhookHeaders({ id: 'msg_1', timestamp, body, secrets, userAgent: 'Turnout/1.0' });
  }

  it('generates a whsec_ secret of 32 random bytes', () => {
    expect(oldSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(oldSecret.slice(6), 'base64')).toHaveLength(32);
    expect(oldSecret).not.toBe(newSecret);
  });

  it('builds the Standard Webhooks headers', () => {
    const headers = signed([newSecret], 1_700_000_000);

    expect(headers).toEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1700000000',
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
      'content-type': 'application/json',
      'user-agent': 'Turnout/1.0',
    });
  });

  it('matches the Standard Webhooks test vector', () => {
    // The test vector of the Standard Webhooks reference libraries.
    const signature = signPayload({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    });

    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('signs once per secret during a rotation, and either secret verifies', () => {
    const headers = signed([newSecret, oldSecret]);

    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(newSecret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(oldSecret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow(
      'No matching signature found',
    );
  });

  it('fails verification when the body was tampered with', () => {
    const headers = signed([newSecret]);
    const tampered = body.replace('42', '43');

    expect(() => new Webhook(newSecret).verify(tampered, { ...headers })).toThrow(
      'No matching signature found',
    );
  });

  it('fails verification when the timestamp was changed', () => {
    const headers = signed([newSecret]);
    const shifted = { ...headers, 'webhook-timestamp': String(nowSeconds() - 1) };

    expect(() => new Webhook(newSecret).verify(body, shifted)).toThrow(
      'No matching signature found',
    );
  });

  it('is refused by receivers when the timestamp is stale', () => {
    const headers = signed([newSecret], nowSeconds() - 10 * 60);

    expect(() => new Webhook(newSecret).verify(body, { ...headers })).toThrow(
      'Message timestamp too old',
    );
  });

  it('refuses malformed secrets and timestamps rather than signing weakly', () => {
    const message = { id: 'msg_1', timestamp: nowSeconds(), body };

    expect(() => signPayload({ ...message, secrets: [] })).toThrow('at least one secret');
    expect(() => signPayload({ ...message, secrets: [oldSecret.slice(6)] })).toThrow('whsec_');
    expect(() => signPayload({ ...message, secrets: ['whsec_c2hvcnQ='] })).toThrow('24 bytes');
    expect(() => signPayload({ ...message, secrets: ['whsec_not base64!'] })).toThrow('whsec_');
    expect(() => signPayload({ ...message, secrets: [oldSecret], timestamp: 1.5 })).toThrow(
      'whole number of seconds',
    );
  });
});
