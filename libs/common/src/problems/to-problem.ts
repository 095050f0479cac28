import { HttpException, HttpStatus } from '@nestjs/common';
import {
  ConnectionException,
  NotFoundError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import type { Problem } from './problem';
import { DomainError } from './domain-error';
import { PlatformError, type PlatformErrorCode } from './platform-error';

const CODE_BY_STATUS: Partial<Record<number, PlatformErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'bad-request',
  [HttpStatus.UNAUTHORIZED]: 'unauthorized',
  [HttpStatus.FORBIDDEN]: 'forbidden',
  [HttpStatus.NOT_FOUND]: 'not-found',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'method-not-allowed',
  [HttpStatus.NOT_ACCEPTABLE]: 'not-acceptable',
  [HttpStatus.CONFLICT]: 'conflict',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'payload-too-large',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'unsupported-media-type',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'unprocessable',
  [HttpStatus.TOO_MANY_REQUESTS]: 'too-many-requests',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'service-unavailable',
};

// Fastify rejects some requests before any Nest code runs; these are the ones a client can cause.
const FASTIFY_CODES: Record<string, PlatformErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_NOT_FOUND: 'not-found',
};

// Errors meaning "the database is not there right now": the caller may retry, nothing was written.
const DATABASE_UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
  '53300', // too_many_connections
]);

// `pg` reports a connection lost under a query (a server restart), and any later use of that
// client, with these messages and no code.
const CONNECTION_LOST = /^Connection terminated|is not queryable$/;

const RETRY_AFTER_SECONDS = '5';

function fromPlatform(
  code: PlatformErrorCode,
  detail?: string,
  headers?: Record<string, string>,
): Problem {
  const error = new PlatformError(code, detail);
  return { code, status: error.status, title: error.title, detail: error.detail, headers };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string') return code;
  return cause ? errorCode(cause) : undefined;
}

function httpExceptionDetail(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/**
 * Turns anything thrown while serving a request into a problem. Returns `undefined` for errors
 * nobody expected: the caller answers those with a generic 500 and logs the stack.
 */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof DomainError) {
    return {
      code: error.code,
      status: error.status,
      title: error.title,
      detail: error.detail,
      errors: (error as { errors?: Problem['errors'] }).errors,
      extensions: error.extensions,
      headers: error.headers,
    };
  }
  if (error instanceof HttpException) {
    // Nest wraps Fastify's own rejections (bad JSON, oversized bodies) and keeps them as the cause.
    const fastifyCode = errorCode(error.cause);
    if (fastifyCode && fastifyCode in FASTIFY_CODES) {
      return fromPlatform(FASTIFY_CODES[fastifyCode], error.message);
    }
    const status = error.getStatus();
    const code = CODE_BY_STATUS[status];
    if (code) return fromPlatform(code, httpExceptionDetail(error));
    return status >= 500 ? undefined : fromPlatform('bad-request', httpExceptionDetail(error));
  }
  if (error instanceof NotFoundError)
    return fromPlatform('not-found', 'The resource does not exist');
  if (error instanceof UniqueConstraintViolationException) {
    return fromPlatform('conflict', 'A resource with the same unique value already exists');
  }
  const code = errorCode(error);
  if (
    error instanceof ConnectionException ||
    (code && DATABASE_UNAVAILABLE_CODES.has(code)) ||
    (error instanceof Error && CONNECTION_LOST.test(error.message))
  ) {
    return fromPlatform('service-unavailable', 'The database is unavailable; try again shortly', {
      'retry-after': RETRY_AFTER_SECONDS,
    });
  }
  if (code && code in FASTIFY_CODES) {
    return fromPlatform(FASTIFY_CODES[code], (error as Error).message);
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return fromPlatform(CODE_BY_STATUS[status] ?? 'bad-request', (error as Error).message);
  }
  return undefined;
}

/** The generic answer to an unexpected error: it says nothing about the failure itself. */
export const INTERNAL_PROBLEM: Problem = fromPlatform(
  'internal',
  'An unexpected error occurred. Quote the request id when reporting it.',
);
