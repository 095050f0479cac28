import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthContext } from '../auth-context';

/** The authenticated caller, as set by the global guard; null on an `@OptionalAuth()` route called anonymously. */
export const CurrentAuth = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthContext | null =>
    context.switchToHttp().getRequest<{ user?: AuthContext | null }>().user ?? null,
);
