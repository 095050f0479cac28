import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { INTERNAL_PROBLEM, toProblem } from './to-problem';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from './problem';

/**
 * Writes the problem for `error`. Shared by the Nest exception filter and Fastify's own error
 * handler (which sees the errors raised before Nest runs: malformed JSON, oversized bodies).
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: LoggerService,
): void {
  const problem = toProblem(error);
  if (!problem) {
    logger.error({ err: error, reqId: request.id }, 'Unhandled error while serving a request');
  } else if (problem.status >= 500) {
    logger.warn({ err: error, reqId: request.id }, `Request failed: ${problem.detail}`);
  }
  const chosen = problem ?? INTERNAL_PROBLEM;
  if (reply.sent) return;
  const instance = request.url.split('?')[0];
  void reply
    .status(chosen.status)
    .headers(chosen.headers ?? {})
    .header('content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`)
    .send(toProblemDetails(chosen, instance, request.id));
}
