import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refusal, answered as `application/problem+json` like Turnout's (type, title, status, errors). */
export class Problem extends Error {
  readonly status: number;
  readonly type: string;
  readonly errors?: Array<{ pointer: string; message: string }>;

  constructor(
    status: number,
    type: string,
    title: string,
    errors?: Array<{ pointer: string; message: string }>,
  ) {
    super(title);
    this.status = status;
    this.type = type;
    this.errors = errors;
  }
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const MAX_BODY = 1024 * 1024;

/** The request's JSON body, or undefined when it has none (1 MiB at most, as Turnout's default). */
export async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Problem(413, 'payload-too-large', 'The body is too large');
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString()) as unknown;
  } catch {
    throw new Problem(400, 'malformed-json', 'The body is not valid JSON');
  }
}

export function send(response: ServerResponse, reply: Reply): void {
  const json = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    ...reply.headers,
  });
  response.end(json);
}

export function sendProblem(response: ServerResponse, problem: Problem, instance: string): void {
  const json = JSON.stringify({
    type: `https://turnout.dev/problems/${problem.type}`,
    title: problem.message,
    status: problem.status,
    instance,
    ...(problem.errors ? { errors: problem.errors } : {}),
  });
  response.writeHead(problem.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

// Hand-written checks of request bodies: what class-validator does for Turnout, at the cost of a
// few comparisons.

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);

export const isText = (value: unknown, max: number, min = 0): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;

/** 400 `validation` unless every check passed; `errors` are the failed ones. */
export function requireValid(errors: Array<{ pointer: string; message: string }>): void {
  if (errors.length > 0) {
    throw new Problem(400, 'validation', 'The request is not valid', errors);
  }
}

/** Keys of `body` outside `allowed` (Turnout refuses unknown properties). */
export const unknownKeys = (body: Json, allowed: ReadonlySet<string>, base = '') =>
  Object.keys(body)
    .filter((key) => !allowed.has(key))
    .map((key) => ({ pointer: `${base}/${key}`, message: `property ${key} should not exist` }));
