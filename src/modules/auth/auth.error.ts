import { defineErrors } from '@turnout/common/problems/domain-error';

const BEARER = { 'www-authenticate': 'Bearer' };

export class AuthError extends defineErrors({
  unauthenticated: { status: 401, title: 'Authentication is required' },
  'invalid-token': { status: 401, title: 'The access token is not valid' },
  'expired-token': { status: 401, title: 'The access token has expired' },
  'insufficient-role': { status: 403, title: 'Your role may not do this' },
}) {
  constructor(code: keyof typeof AuthError.catalog, detail?: string) {
    super(code, detail, {}, code === 'insufficient-role' ? {} : BEARER);
  }
}
