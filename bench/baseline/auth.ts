import { createHmac, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { Problem } from './http.ts';

/** Who calls, as Turnout's guard sees them: read from the database on every request. */
export interface Caller {
  userId: string;
  role: 'USER' | 'ORGANIZER' | 'ADMIN';
  organizationId: string | null;
  /** Events the caller manages as a signup manager. */
  managedEventIds: string[];
}

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
}

const unauthenticated = (detail: string) => new Problem(401, 'invalid-token', detail);

/** The user id of a valid HS256 access token (signature, expiry, issuer, audience), or a 401. */
export function verifyToken(authorization: string | undefined, jwt: JwtSettings): string {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new Problem(401, 'unauthenticated', 'Send an access token');
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) throw unauthenticated('Malformed token');
  const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
  const expected = createHmac('sha256', jwt.secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (alg !== 'HS256' || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthenticated('Bad signature');
  }
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
    sub?: string;
    exp?: number;
    iss?: string;
    aud?: string;
  };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) {
    throw unauthenticated('Expired token');
  }
  if (claims.iss !== jwt.issuer || claims.aud !== jwt.audience || typeof claims.sub !== 'string') {
    throw unauthenticated('Wrong issuer, audience or subject');
  }
  return claims.sub;
}

const IDENTITY = {
  name: 'identity',
  text: `select u.id, u.role, u.organization_id, u.is_active,
                array(select m.event_id from event_managers m join events e on e.id = m.event_id
                       where m.user_id = u.id and e.deleted_at is null) as managed
           from users u where u.id = $1`,
};

/** The caller behind the token, with their current role, organization and managed events. */
export async function authenticate(
  pool: pg.Pool,
  authorization: string | undefined,
  jwt: JwtSettings,
): Promise<Caller> {
  const userId = verifyToken(authorization, jwt);
  const { rows } = await pool.query<{
    id: string;
    role: Caller['role'];
    organization_id: string | null;
    is_active: boolean;
    managed: string[];
  }>({ ...IDENTITY, values: [userId] });
  const user = rows[0];
  if (!user) throw unauthenticated('The token’s user does not exist');
  if (!user.is_active) throw new Problem(401, 'inactive-user', 'The user is deactivated');
  return {
    userId: user.id,
    role: user.role,
    organizationId: user.organization_id,
    managedEventIds: user.managed,
  };
}

/** What Turnout's AccessService needs to know about an event. */
export interface EventScope {
  id: string;
  organizationId: string;
  isPublic: boolean;
}

export const canManage = (caller: Caller, event: EventScope) =>
  caller.role === 'ADMIN' ||
  (caller.role === 'ORGANIZER' && caller.organizationId === event.organizationId) ||
  caller.managedEventIds.includes(event.id);

/**
 * Turnout's `requireEvent`: 404 for what the caller may not see (or, with `conceal`, may not
 * manage: the GxP project API), 403 for what they see but may not change.
 */
export function requireManager(caller: Caller, event: EventScope | undefined, conceal: boolean) {
  const manages = event !== undefined && canManage(caller, event);
  if (!event || (!manages && (conceal || !event.isPublic))) {
    throw new Problem(404, 'event-not-found', 'No such event');
  }
  if (!manages) throw new Problem(403, 'not-allowed', 'You may not manage this event');
  return event;
}
