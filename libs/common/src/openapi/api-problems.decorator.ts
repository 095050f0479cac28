import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problems/problem';
import { ProblemDto } from './problem.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or a value is not valid',
  401: 'No valid credentials were sent',
  403: 'The caller may not do this',
  404: 'The resource does not exist or is outside the caller’s reach',
  409: 'The request conflicts with the current state',
  413: 'The request body is too large',
  422: 'The values are well-formed but break a rule',
  429: 'Too many requests; see Retry-After',
  503: 'A dependency (the database) is unavailable; see Retry-After',
};

/** Documents the given error statuses as `application/problem+json` responses. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: {
          [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDto' } },
        },
      }),
    ),
  );
}

export { ProblemDto };
