import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiter, type RateVerdict } from '@turnout/common/http/rate-limiter';
import { AppConfig } from 'src/config/app-config';
import type { AuthContext } from './auth-context';
import { AuthError } from './auth.error';
import { UNTHROTTLED } from './decorators/unthrottled.decorator';

/** The IETF draft's names (draft-ietf-httpapi-ratelimit-headers), as most clients know them. */
function rateLimitHeaders(verdict: RateVerdict): Record<string, string> {
  return {
    'ratelimit-limit': String(verdict.limit),
    'ratelimit-remaining': String(verdict.remaining),
    'ratelimit-reset': String(verdict.resetSeconds),
  };
}

const limiter = (limit: number, windowSeconds: number) =>
  limit > 0 ? new RateLimiter(limit, windowSeconds * 1000) : null;

/**
 * The general rate limit: each request counts against its caller, the user or API key the
 * AuthenticationGuard found, or else the client address (anonymous callers and public routes).
 * Registered after that guard, since global guards run in registration order. Counts live in
 * this instance's memory, so N instances allow N times the limit; no database is read. Past the
 * limit: 429 `rate-limited` with Retry-After. Every counted response carries RateLimit-* headers.
 */
@Injectable()
export class RequestThrottleGuard implements CanActivate {
  private readonly anonymous: RateLimiter | null;
  private readonly authenticated: RateLimiter | null;

  constructor(
    config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    const { anonymous, authenticated, windowSeconds } = config.rateLimit;
    this.anonymous = limiter(anonymous, windowSeconds);
    this.authenticated = limiter(authenticated, windowSeconds);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || this.exempt(context)) return true;
    const http = context.switchToHttp();
    const [bucket, key] = this.bucketOf(http.getRequest());
    if (!bucket) return true;
    const verdict = bucket.take(key);
    const headers = rateLimitHeaders(verdict);
    if (!verdict.allowed) {
      const wait = String(verdict.retryAfterSeconds);
      throw new AuthError('rate-limited', `Try again in ${wait} s`, {
        ...headers,
        'retry-after': wait,
      });
    }
    void http.getResponse<FastifyReply>().headers(headers);
    return true;
  }

  private exempt(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    return this.reflector.getAllAndOverride<boolean>(UNTHROTTLED, targets) === true;
  }

  /** The limiter and key a request counts under: `request.user` is set once authenticated. */
  private bucketOf(
    request: FastifyRequest & { user?: AuthContext | null },
  ): [RateLimiter | null, string] {
    const caller = request.user;
    if (caller?.apiKeyId) return [this.authenticated, `key:${caller.apiKeyId}`];
    if (caller?.userId) return [this.authenticated, `user:${caller.userId}`];
    return [this.anonymous, `ip:${request.ip}`];
  }
}
