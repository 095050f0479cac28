import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { Role } from '../auth-context';

export const AUTH_REQUIREMENT = 'turnout:auth';

export interface AuthRequirement {
  /** Roles allowed to call; omitted or empty means any authenticated caller. */
  roles?: readonly Role[];
  /** A POST that only reads (a search with a body): read-only API keys may call it too. */
  readsOnly?: boolean;
}

/**
 * States who may call a route, in one place: the guard's role check, the Swagger security
 * entries and the 401/403 responses.
 */
export function Auth(requirement: AuthRequirement = {}) {
  const restricted = (requirement.roles?.length ?? 0) > 0;
  return applyDecorators(
    SetMetadata(AUTH_REQUIREMENT, requirement),
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    restricted ? ApiProblems(401, 403) : ApiProblems(401),
  );
}
