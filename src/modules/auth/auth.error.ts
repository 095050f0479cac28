import { defineErrors } from '@turnout/common/problems/domain-error';

const BEARER = { 'www-authenticate': 'Bearer' };

/** Problems of authenticating: who the caller is. */
export class AuthError extends defineErrors({
  unauthenticated: { status: 401, title: 'Authentication is required' },
  'invalid-token': { status: 401, title: 'The access token is not valid' },
  'expired-token': { status: 401, title: 'The access token has expired' },
  'invalid-api-key': { status: 401, title: 'The API key is not valid' },
  'invalid-credentials': { status: 401, title: 'The email or password is wrong' },
  'inactive-user': { status: 401, title: 'This account is deactivated' },
  'too-many-attempts': { status: 429, title: 'Too many login attempts' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'insufficient-role': { status: 403, title: 'Your role may not do this' },
  'read-only-key': { status: 403, title: 'This API key may only read' },
}) {
  constructor(
    code: keyof typeof AuthError.catalog,
    detail?: string,
    headers: Record<string, string> = {},
  ) {
    const challenge = AuthError.catalog[code].status === 401 ? BEARER : {};
    super(code, detail, {}, { ...challenge, ...headers });
  }
}

/** Problems of the identity resources: organizations, users, memberships, API keys. */
export class IdentityError extends defineErrors({
  'organization-not-found': { status: 404, title: 'No such organization' },
  'user-not-found': { status: 404, title: 'No such user' },
  'membership-not-found': { status: 404, title: 'No such membership' },
  'api-key-not-found': { status: 404, title: 'No such API key' },
  'email-taken': { status: 409, title: 'That email is already registered' },
  'slug-taken': { status: 409, title: 'That slug is already used' },
  'not-allowed': { status: 403, title: 'You may not do this' },
  'organization-required': { status: 422, title: 'An organization is required' },
  'unknown-organization': { status: 422, title: 'No organization has that id' },
  'invalid-period': { status: 422, title: 'The period ends before it starts' },
}) {}

/** Answers of the AccessService: out of reach (404, so ids don't leak) or beyond the role (403). */
export class AccessError extends defineErrors({
  'event-not-found': { status: 404, title: 'No such event' },
  'not-allowed': { status: 403, title: 'You may not do this' },
}) {}
