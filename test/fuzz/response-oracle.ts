import type { RawResponse } from './raw-http';

/**
 * Traces of internals in a response body: stack frames, file paths, error class names and the
 * text of the app's own SQL or of database errors. None of the fuzzer's inputs contains these,
 * so an echoed input cannot trip them.
 */
const LEAKS: Array<[string, RegExp]> = [
  ['a stack frame', /\bat .+\(?[\w./\\-]+\.[jt]s:\d+:\d+\)?/],
  ['a node_modules path', /node_modules/],
  ['a source path', /\/(?:src|libs|dist)\/[\w/-]+\.[jt]s/],
  [
    'an error class',
    /\b(?:TypeError|RangeError|ReferenceError|DriverException|QueryFailedError)\b/,
  ],
  [
    'SQL of the app',
    /\bselect\s+"?[a-z]\d+"?\.|\binsert into\s+"[a-z_]+"|\bupdate\s+"[a-z_]+"\s+set\b/i,
  ],
  [
    'a database error',
    /violates (?:not-null|foreign key|unique|check) constraint|syntax error at or near|invalid input syntax for|out of range for type|relation "[^"]+" does not exist/,
  ],
];

const PROBLEM_TYPE = /^https:\/\/turnout\.dev\/problems\/[a-z-]+$/;

export interface Expectation {
  /** The input is invalid by construction: only a 4xx will do. */
  invalid: boolean;
  /** Errors come as JSON:API documents (`/registrations/v2`). */
  jsonApi: boolean;
  /** The exact status the input calls for, when it calls for one. */
  status?: number;
}

const header = (response: RawResponse, name: string) => String(response.headers[name] ?? '');

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** What is wrong with a problem+json or JSON:API error answer. */
function errorBodyFaults(response: RawResponse, jsonApi: boolean): string[] {
  const type = header(response, 'content-type');
  const body = parseJson(response.text);
  if (!body.ok) return [`the error body is not JSON: ${response.text.slice(0, 120)}`];
  const value = body.value as Record<string, unknown>;
  if (jsonApi) {
    const errors = value.errors as Array<Record<string, unknown>> | undefined;
    if (!type.startsWith('application/vnd.api+json')) return [`content-type is ${type}`];
    if (!Array.isArray(errors) || errors.length === 0) return ['no `errors` in the JSON:API body'];
    return errors.every((e) => e.status === String(response.status) && typeof e.code === 'string')
      ? []
      : ['JSON:API errors do not carry the status and a code'];
  }
  if (!type.startsWith('application/problem+json')) return [`content-type is ${type}`];
  const faults = [];
  if (typeof value.type !== 'string' || !PROBLEM_TYPE.test(value.type)) {
    faults.push(`problem type is ${JSON.stringify(value.type)}`);
  }
  if (value.status !== response.status) faults.push(`problem status is ${String(value.status)}`);
  if (typeof value.title !== 'string') faults.push('the problem has no title');
  return faults;
}

/** What is wrong with a success: it must be JSON (or empty, or the one text route). */
function successFaults(response: RawResponse): string[] {
  if (response.status === 204 || response.text === '') return [];
  const type = header(response, 'content-type');
  if (!/json/.test(type)) return /^text\/plain/.test(type) ? [] : [`content-type is ${type}`];
  return parseJson(response.text).ok ? [] : ['the body is not well-formed JSON'];
}

function statusFaults(response: RawResponse, expectation: Expectation): string[] {
  const { status } = response;
  if (status >= 500) return [`answered ${status}`];
  if (expectation.status && status !== expectation.status) {
    return [`answered ${status} where ${expectation.status} is due`];
  }
  if (status >= 400) return errorBodyFaults(response, expectation.jsonApi);
  if (expectation.invalid) return [`accepted invalid input with ${status}`];
  if (status >= 200 && status < 300) return successFaults(response);
  return [`answered ${status}`];
}

/** Everything the answer to one generated request does wrong; empty when it is acceptable. */
export function judge(response: RawResponse, expectation: Expectation): string[] {
  const leaks = LEAKS.filter(([, pattern]) => pattern.test(response.text));
  return [
    ...statusFaults(response, expectation),
    ...leaks.map(([what]) => `the body shows ${what}`),
  ];
}
