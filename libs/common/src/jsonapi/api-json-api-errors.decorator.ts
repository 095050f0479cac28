import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { JSON_API_MEDIA_TYPE } from './document';

const ERROR_DOCUMENT = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          status: { type: 'string', example: '404' },
          code: { type: 'string', example: 'signup-not-found' },
          title: { type: 'string' },
          detail: { type: 'string' },
          source: {
            type: 'object',
            properties: { pointer: { type: 'string' }, parameter: { type: 'string' } },
          },
          meta: { type: 'object', properties: { requestId: { type: 'string' } } },
        },
      },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter is not valid (source.parameter names it)',
  401: 'No valid credentials were sent',
  403: 'The caller may not do this',
  404: 'The resource does not exist or is outside the caller’s reach',
};

/** Documents error statuses as JSON:API error documents (`application/vnd.api+json`). */
export function ApiJsonApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [JSON_API_MEDIA_TYPE]: { schema: ERROR_DOCUMENT } },
      }),
    ),
  );
}
