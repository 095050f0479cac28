import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import passport from 'passport';
import { API_KEY_PREFIX, ApiKeysService } from './api-keys.service';
import type { AuthContext } from './auth-context';
import { AuthError } from './auth.error';

export type Credential = { kind: 'none' } | { kind: 'api-key'; key: string } | { kind: 'jwt' };

/** What the headers present: an API key (`X-Api-Key`, or `Bearer tk_…`), a bearer token, or nothing. */
export function readCredential(headers: IncomingHttpHeaders): Credential {
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) return { kind: 'api-key', key: apiKey };
  const authorization = headers.authorization;
  if (!authorization) return { kind: 'none' };
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  return bearer?.startsWith(API_KEY_PREFIX) ? { kind: 'api-key', key: bearer } : { kind: 'jwt' };
}

/** Passport's verdict on a bearer token as the caller, or the precise 401 that explains it. */
export function jwtVerdict<T = AuthContext>(error: unknown, user: T | false, info: unknown): T {
  if (error) throw error instanceof Error ? error : new AuthError('invalid-token');
  if (user) return user;
  const reason = info instanceof Error ? info : undefined;
  if (reason?.name === 'TokenExpiredError') throw new AuthError('expired-token');
  if (!reason || reason.message === 'No auth token') {
    throw new AuthError('unauthenticated', 'Send an access token as Authorization: Bearer <token>');
  }
  throw new AuthError('invalid-token', `The access token was rejected: ${reason.message}`);
}

/**
 * Authenticates headers exactly as the global guard does (the same `jwt` Passport strategy, so the
 * same secret, claims and fresh user lookup; the same API keys), for callers that are not HTTP
 * routes: the realtime gateway's channel subscriptions. Throws the guard's AuthErrors.
 */
@Injectable()
export class HeaderAuthenticator {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<AuthContext> {
    const credential = readCredential(headers);
    if (credential.kind === 'none') {
      throw new AuthError(
        'unauthenticated',
        'Send an access token as Authorization: Bearer <token>, or an API key',
      );
    }
    if (credential.kind === 'api-key') {
      const caller = await this.apiKeys.authenticate(credential.key);
      if (!caller) {
        throw new AuthError('invalid-api-key', 'The API key is unknown, revoked or expired');
      }
      return caller;
    }
    return new Promise<AuthContext>((resolve, reject) => {
      const fail = (error: unknown) =>
        reject(error instanceof Error ? error : new AuthError('invalid-token'));
      const verdict = (error: unknown, user: AuthContext | false, info: unknown) => {
        try {
          resolve(jwtVerdict(error, user, info));
        } catch (failure) {
          fail(failure);
        }
      };
      const authenticate = passport.authenticate('jwt', { session: false }, verdict) as (
        request: object,
        response: object,
        next: (error?: unknown) => void,
      ) => void;
      authenticate({ headers }, {}, fail);
    });
  }
}
