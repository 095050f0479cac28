import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startServer, type ServerProcess } from './processes.ts';

/** The built production entry point (`npm run build`). */
export const TURNOUT_MAIN = join(import.meta.dirname, '..', '..', 'dist', 'src', 'main.js');

/** Shared by Turnout and the baseline: both verify the organizer's token, and size their pools alike. */
export const SHARED = {
  jwtSecret: randomBytes(36).toString('base64url'),
  jwtIssuer: 'turnout',
  jwtAudience: 'turnout-api',
  poolMax: 10,
};

const ADMIN = { email: 'admin@bench.example.com', password: randomBytes(18).toString('base64url') };

/**
 * Turnout in production mode against the benchmark database. Rate limits are off (0 disables the
 * general limiter; the login throttle is set out of reach), so the benchmark measures the work,
 * not the limiter's refusals. Webhooks may go to the local receiver over plain HTTP.
 */
export function startTurnout(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<ServerProcess> {
  return startServer('turnout', TURNOUT_MAIN, {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: String(SHARED.poolMax),
    JWT_SECRET: SHARED.jwtSecret,
    JWT_ISSUER: SHARED.jwtIssuer,
    JWT_AUDIENCE: SHARED.jwtAudience,
    JWT_TTL_SECONDS: String(24 * 3600),
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_AUTHENTICATED: '0',
    LOGIN_MAX_PER_IP: '100000',
    LOGIN_MAX_PER_EMAIL: '100000',
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    ...extra,
  });
}

/** A JSON call to the API that must succeed; answers the parsed body. */
export async function call<T>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

const login = async (base: string, email: string, password: string) =>
  (
    await call<{ accessToken: string }>(base, 'POST', '/api/auth/login', {
      body: { email, password },
    })
  ).accessToken;

export interface Organizer {
  token: string;
  userId: string;
  organization: { id: string; slug: string };
}

/**
 * What a real client does: the first Admin creates the organization and makes a registered user
 * its organizer, who logs in. Every scenario calls the API with that organizer's JWT.
 */
export async function createOrganizer(base: string): Promise<Organizer> {
  const admin = await login(base, ADMIN.email, ADMIN.password);
  const organization = await call<{ id: string; slug: string }>(
    base,
    'POST',
    '/api/organizations',
    {
      token: admin,
      body: { slug: 'bench-events', name: 'Bench Events' },
    },
  );
  const credentials = {
    email: 'organizer@bench.example.com',
    password: randomBytes(18).toString('base64url'),
  };
  const user = await call<{ id: string }>(base, 'POST', '/api/auth/register', {
    body: { ...credentials, name: 'Olive Organizer' },
  });
  await call(base, 'PATCH', `/api/users/${user.id}`, {
    token: admin,
    body: { role: 'ORGANIZER', organizationId: organization.id },
  });
  return {
    token: await login(base, credentials.email, credentials.password),
    userId: user.id,
    organization: { id: organization.id, slug: organization.slug },
  };
}

/** The one enabled webhook subscription: every attendee.created of the organization, to `url`. */
export function subscribe(base: string, token: string, url: string): Promise<{ id: string }> {
  return call(base, 'POST', '/api/webhooks', {
    token,
    body: { url, events: ['attendee.created'], description: 'benchmark receiver' },
  });
}
