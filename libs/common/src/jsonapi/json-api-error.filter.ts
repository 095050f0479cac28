import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError, Problem } from '../problems/problem';
import { type ProblemFormat, sendProblem } from '../problems/send-problem';
import { JSON_API_MEDIA_TYPE } from './document';

/** A JSON:API 1.0 error object. `code` is the problem code, as stable as RFC 9457's `type`. */
export interface JsonApiError {
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string } | { parameter: string };
  meta?: Record<string, unknown>;
}

export interface JsonApiErrorDocument {
  errors: JsonApiError[];
  jsonapi: { version: '1.0' };
}

const unescapeToken = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * The query or path parameter a pointer names, written the way the client sent it:
 * `/per_page` → `per_page`, `/fields[Attendee]` → `fields[Attendee]`, `/filter/email` → `filter[email]`.
 */
function parameterName(pointer: string): string {
  const [name, ...members] = pointer.split('/').slice(1).map(unescapeToken);
  return `${name ?? ''}${members.map((member) => `[${member}]`).join('')}`;
}

function fieldSource(error: FieldError): Pick<JsonApiError, 'source' | 'meta'> {
  switch (error.in) {
    case undefined:
      return { source: { pointer: error.pointer } };
    case 'query':
    case 'path':
      return { source: { parameter: parameterName(error.pointer) } };
    case 'header':
      // JSON:API 1.0 has no `source` for headers.
      return { meta: { header: parameterName(error.pointer) } };
  }
}

/**
 * The JSON:API rendering of a problem: one error object per rejected value, or one for the whole
 * problem. Extensions (e.g. `{ limit: 50 }`) and the request id go to `meta`.
 */
export function toJsonApiErrors(problem: Problem, requestId: string): JsonApiErrorDocument {
  const base = {
    status: String(problem.status),
    code: problem.code,
    title: problem.title,
  };
  const meta = { ...problem.extensions, requestId };
  const errors: JsonApiError[] = problem.errors?.length
    ? problem.errors.map((error) => {
        const { source, meta: fieldMeta } = fieldSource(error);
        return {
          ...base,
          detail: error.message,
          ...(source ? { source } : {}),
          meta: { ...meta, ...fieldMeta },
        };
      })
    : [{ ...base, detail: problem.detail, meta }];
  return { errors, jsonapi: { version: '1.0' } };
}

export const JSON_API_ERROR_FORMAT: ProblemFormat = {
  contentType: JSON_API_MEDIA_TYPE,
  // JSON:API forbids media type parameters, but Fastify appends `; charset=utf-8` to any JSON
  // media type it serialises or sends as a string. Bytes go out with the header as set.
  render: (problem, request) => Buffer.from(JSON.stringify(toJsonApiErrors(problem, request.id))),
};

/**
 * Renders every error raised under a JSON:API controller as a JSON:API error document. Put it on
 * the controller with `@UseFilters(JsonApiErrorFilter)`: a controller's filter wins over the
 * global `ProblemFilter`. Statuses, headers and logging are the problem filter's own.
 */
@Catch()
export class JsonApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(
      http.getRequest<FastifyRequest>(),
      http.getResponse<FastifyReply>(),
      exception,
      this.logger,
      JSON_API_ERROR_FORMAT,
    );
  }
}
