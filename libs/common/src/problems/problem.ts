/** Media type of every error body Turnout sends (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const PROBLEM_TYPE_BASE = 'https://turnout.dev/problems/';

/** The stable `type` URI of a problem code, e.g. `validation` → `https://turnout.dev/problems/validation`. */
export const problemType = (code: string): string => `${PROBLEM_TYPE_BASE}${code}`;

/** Where a rejected value came from. Body errors omit it. */
export type FieldLocation = 'body' | 'query' | 'path' | 'header';

/** One rejected value: `pointer` is an RFC 6901 JSON pointer into the body (or the parameter name). */
export interface FieldError {
  pointer: string;
  message: string;
  in?: Exclude<FieldLocation, 'body'>;
}

/** The `application/problem+json` body. Extensions go beside the standard members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** What a thrown error turns into before the request's own facts (instance, request id) are added. */
export interface Problem {
  code: string;
  status: number;
  title: string;
  detail: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function toProblemDetails(
  problem: Problem,
  instance: string,
  requestId: string,
): ProblemDetails {
  return {
    ...problem.extensions,
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance,
    requestId,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
}
