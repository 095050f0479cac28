import { createHmac, randomBytes } from 'node:crypto';

// Standard Webhooks (https://www.standardwebhooks.com/): secrets are `whsec_` + base64 of the key.
const SECRET_PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A new signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function signingKey(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  // Buffer.from(…, 'base64') skips garbage silently; a mangled secret must not sign with a short key.
  const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (key.length < 24)
    throw new Error('A webhook secret is `whsec_` + base64 of at least 24 bytes');
  return key;
}

export interface SignableMessage {
  /** The message id, sent as `webhook-id`; the same for every retry of one message. */
  id: string;
  /** Unix seconds, sent as `webhook-timestamp`. */
  timestamp: number;
  /** The exact body sent: receivers verify these bytes, not a re-serialisation. */
  body: string;
  /** `whsec_…` secrets; during a rotation both the new and the old one, so either verifies. */
  secrets: readonly string[];
}

/** The `webhook-signature` header: `v1,<base64 HMAC-SHA256>` per secret, space-separated. */
export function signPayload({ id, timestamp, body, secrets }: SignableMessage): string {
  if (secrets.length === 0) throw new Error('Signing a webhook needs at least one secret');
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new Error('A webhook timestamp is a whole number of seconds since the epoch');
  }
  const content = `${id}.${timestamp}.${body}`;
  return secrets
    .map(
      (secret) => `v1,${createHmac('sha256', signingKey(secret)).update(content).digest('base64')}`,
    )
    .join(' ');
}

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  'content-type': 'application/json';
  'user-agent': string;
}

/** The headers of one delivery attempt of a signed JSON webhook. */
export function webhookHeaders(message: SignableMessage & { userAgent: string }): WebhookHeaders {
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(message.timestamp),
    'webhook-signature': signPayload(message),
    'content-type': 'application/json',
    'user-agent': message.userAgent,
  };
}
