import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiKeysService } from './api-keys.service';
import type { AuthContext } from './auth-context';
import { AuthError } from './auth.error';
import { AUTH_REQUIREMENT, type AuthRequirement } from './decorators/auth.decorator';
import { OPTIONAL_AUTH, PUBLIC_ROUTE } from './decorators/public.decorator';
import { jwtVerdict, readCredential } from './header-authenticator';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard: every route needs valid credentials (an access token, or an organization API key
 * as `X-Api-Key` or `Bearer tk_…`) unless it is `@Public()`. Enforces read-only keys and a route's
 * `@Auth({ roles })`. Per-resource checks belong to services (AccessService).
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const flag = (key: string) => this.reflector.getAllAndOverride<boolean>(key, targets) === true;
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: AuthContext | null }>();
    if (flag(PUBLIC_ROUTE) && !flag(OPTIONAL_AUTH)) return true;

    const credential = readCredential(request.headers);
    if (credential.kind === 'none') {
      if (flag(OPTIONAL_AUTH)) {
        request.user = null;
        return true;
      }
      throw new AuthError(
        'unauthenticated',
        'Send an access token as Authorization: Bearer <token>, or an API key',
      );
    }
    if (credential.kind === 'api-key') {
      const caller = await this.apiKeys.authenticate(credential.key);
      if (!caller)
        throw new AuthError('invalid-api-key', 'The API key is unknown, revoked or expired');
      request.user = caller;
    } else {
      await super.canActivate(context);
    }

    const caller = request.user!;
    const { roles, readsOnly } =
      this.reflector.getAllAndOverride<AuthRequirement>(AUTH_REQUIREMENT, targets) ?? {};
    if (caller.readOnly && !SAFE_METHODS.has(request.method) && !readsOnly) {
      throw new AuthError('read-only-key', 'This API key is read-only');
    }
    if (roles?.length && !roles.includes(caller.role)) {
      throw new AuthError('insufficient-role', `This needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }

  // Passport reports why a token failed in `info`; turn it into a precise 401.
  override handleRequest<T = AuthContext>(error: unknown, user: T | false, info: unknown): T {
    return jwtVerdict(error, user, info);
  }
}
