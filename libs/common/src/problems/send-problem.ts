import type { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { INTERNAL_PROBLEM, toProblem } from './to-problem';
import { type Problem, PROBLEM_CONTENT_TYPE, toProblemDetails } from './problem';

/** How a problem is written out: which media type, and the body in that media type. */
export interface ProblemFormat {
  contentType: string;
  render(problem: Problem, request: FastifyRequest): unknown;
}

/** RFC 9457 `application/problem+json`, every route's error format unless a controller picks another. */
export const PROBLEM_DETAILS_FORMAT: ProblemFormat = {
  contentType: `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
  render: (problem, request) => toProblemDetails(problem, request.url.split('?')[0], request.id),
};

/**
 * Writes the problem for `error`. Shared by the Nest exception filters and Fastify's own error
 * handler (which sees the errors raised before Nest runs: malformed JSON, oversized bodies). The
 * format only changes the body's shape: status, headers and logging are the same for every format.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  logger: LoggerService,
  format: ProblemFormat = PROBLEM_DETAILS_FORMAT,
): void {
  const problem = toProblem(error);
  if (!problem) {
    logger.error({ err: error, reqId: request.id }, 'Unhandled error while serving a request');
  } else if (problem.status >= 500) {
    logger.warn({ err: error, reqId: request.id }, `Request failed: ${problem.detail}`);
  }
  const chosen = problem ?? INTERNAL_PROBLEM;
  if (reply.sent) return;
  void reply
    .status(chosen.status)
    .headers(chosen.headers ?? {})
    .header('content-type', format.contentType)
    .send(format.render(chosen, request));
}
