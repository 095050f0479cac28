import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER } from '@turnout/common/http/request-id';
import { JSON_API_ERROR_FORMAT } from '@turnout/common/jsonapi/json-api-error.filter';
import { sendProblem } from '@turnout/common/problems/send-problem';

const logger = new Logger('Errors');

/** The JSON:API dialect's paths: its errors are JSON:API documents, even those Fastify raises. */
const JSON_API_PATHS = '/registrations/v2/';

/**
 * Fastify's `frameworkErrors`: answers a URL refused before any route runs (a bad %-escape, a path
 * segment over Fastify's length limit), which Fastify would otherwise send in its own JSON and
 * without the request id.
 */
export function refuseUnroutable(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  void reply.header(REQUEST_ID_HEADER, request.id);
  const format = request.url.startsWith(JSON_API_PATHS) ? JSON_API_ERROR_FORMAT : undefined;
  sendProblem(request, reply, error, logger, format);
}
