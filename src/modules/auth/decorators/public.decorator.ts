import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';

export const PUBLIC_ROUTE = 'turnout:public';
export const OPTIONAL_AUTH = 'turnout:optional-auth';

/** Opts a route (or controller) out of authentication entirely. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * A public route that still wants to know the caller: anonymous callers get `null`, while
 * credentials, when sent, must be valid (401 otherwise) and may unlock more (drafts for managers).
 */
export const OptionalAuth = () =>
  applyDecorators(
    SetMetadata(PUBLIC_ROUTE, true),
    SetMetadata(OPTIONAL_AUTH, true),
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    ApiSecurity({}),
  );
