import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { AuthContext } from './auth-context';
import { AuthError } from './auth.error';
import { AUTH_REQUIREMENT, type AuthRequirement } from './decorators/auth.decorator';
import { PUBLIC_ROUTE } from './decorators/public.decorator';

/**
 * The global guard: every route needs a valid access token unless it is `@Public()`, and a route's
 * `@Auth({ roles })` is enforced here. Per-resource checks belong to services (AccessService).
 */
@Injectable()
export class AuthenticationGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    await super.canActivate(context);
    const caller = context.switchToHttp().getRequest<{ user: AuthContext }>().user;
    const { roles } =
      this.reflector.getAllAndOverride<AuthRequirement>(AUTH_REQUIREMENT, targets) ?? {};
    if (roles?.length && !roles.includes(caller.role)) {
      throw new AuthError('insufficient-role', `This needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }

  // Passport reports why a token failed in `info`; turn it into a precise 401.
  override handleRequest<T = AuthContext>(error: unknown, user: T | false, info: unknown): T {
    if (error) throw error instanceof Error ? error : new AuthError('invalid-token');
    if (user) return user;
    const reason = info instanceof Error ? info : undefined;
    if (reason?.name === 'TokenExpiredError') throw new AuthError('expired-token');
    if (!reason || reason.message === 'No auth token') {
      throw new AuthError(
        'unauthenticated',
        'Send an access token as Authorization: Bearer <token>',
      );
    }
    throw new AuthError('invalid-token', `The access token was rejected: ${reason.message}`);
  }
}
