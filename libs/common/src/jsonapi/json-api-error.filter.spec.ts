import { type ArgumentsHost, HttpException, Logger, UnauthorizedException } from '@nestjs/common';
import { defineErrors } from '../problems/domain-error';
import { RequestValidationError } from '../validation/request-validation.error';
import { JsonApiErrorFilter } from './json-api-error.filter';

class ShelfError extends defineErrors({
  'shelf-full': { status: 409, title: 'The shelf is full' },
  'shelf-busy': { status: 503, title: 'The shelf is being rearranged' },
}) {}

/** A reply that records what the filter writes. */
function fakeReply(sent = false) {
  const written = {
    status: undefined as number | undefined,
    headers: {} as Record<string, string>,
    body: undefined as unknown,
  };
  const reply = {
    sent,
    status(code: number) {
      written.status = code;
      return reply;
    },
    headers(values: Record<string, string>) {
      Object.assign(written.headers, values);
      return reply;
    },
    header(name: string, value: string) {
      written.headers[name] = value;
      return reply;
    },
    send(body: Buffer) {
      written.body = JSON.parse(body.toString('utf8'));
      return reply;
    },
  };
  return { reply, written };
}

function render(exception: unknown, { sent = false } = {}) {
  const { reply, written } = fakeReply(sent);
  const request = { id: 'req-1', url: '/books?include=author' };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  new JsonApiErrorFilter().catch(exception, host);
  return written;
}

describe('JsonApiErrorFilter', () => {
  let logged: { error: jest.SpyInstance; warn: jest.SpyInstance };
  beforeEach(() => {
    logged = {
      error: jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined),
      warn: jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined),
    };
  });
  afterEach(() => jest.restoreAllMocks());

  it('renders a module error as one error object with its code, and extensions in meta', () => {
    const written = render(new ShelfError('shelf-full', 'Shelf 3 holds 50 books', { limit: 50 }));
    expect(written.status).toBe(409);
    expect(written.headers['content-type']).toBe('application/vnd.api+json');
    expect(written.body).toEqual({
      jsonapi: { version: '1.0' },
      errors: [
        {
          status: '409',
          code: 'shelf-full',
          title: 'The shelf is full',
          detail: 'Shelf 3 holds 50 books',
          meta: { limit: 50, requestId: 'req-1' },
        },
      ],
    });
    expect(logged.error).not.toHaveBeenCalled();
  });

  it("keeps the error's headers and logs a server-side failure with the request id", () => {
    const error = new ShelfError('shelf-busy', undefined, {}, { 'retry-after': '5' });
    const written = render(error);
    expect(written.status).toBe(503);
    expect(written.headers['retry-after']).toBe('5');
    expect(logged.warn).toHaveBeenCalledWith(
      { err: error, reqId: 'req-1' },
      'Request failed: The shelf is being rearranged',
    );
  });

  it('turns each rejected value into its own error object, pointing at body or parameter', () => {
    const written = render(
      new RequestValidationError([
        { pointer: '/data/attributes/title', message: 'title must be a string' },
        { pointer: '/per_page', message: 'per_page must not be greater than 100', in: 'query' },
        { pointer: '/fields[Book]', message: 'unknown field in fields[Book]: isbn', in: 'query' },
        { pointer: '/include', message: 'unknown include: x; includable: author', in: 'query' },
        { pointer: '/filter/email', message: 'email must be an email', in: 'query' },
        { pointer: '/id', message: 'id must be a UUID', in: 'path' },
      ]),
    );
    expect(written.status).toBe(400);
    const base = { status: '400', code: 'validation', title: 'The request is not valid' };
    const meta = { requestId: 'req-1' };
    expect((written.body as { errors: unknown[] }).errors).toEqual([
      {
        ...base,
        detail: 'title must be a string',
        source: { pointer: '/data/attributes/title' },
        meta,
      },
      {
        ...base,
        detail: 'per_page must not be greater than 100',
        source: { parameter: 'per_page' },
        meta,
      },
      {
        ...base,
        detail: 'unknown field in fields[Book]: isbn',
        source: { parameter: 'fields[Book]' },
        meta,
      },
      {
        ...base,
        detail: 'unknown include: x; includable: author',
        source: { parameter: 'include' },
        meta,
      },
      { ...base, detail: 'email must be an email', source: { parameter: 'filter[email]' }, meta },
      { ...base, detail: 'id must be a UUID', source: { parameter: 'id' }, meta },
    ]);
  });

  it('renders an HttpException from a guard with its mapped code', () => {
    const written = render(new UnauthorizedException('Missing bearer token'));
    expect(written.status).toBe(401);
    expect(written.body).toEqual({
      jsonapi: { version: '1.0' },
      errors: [
        {
          status: '401',
          code: 'unauthorized',
          title: 'Authentication is required',
          detail: 'Missing bearer token',
          meta: { requestId: 'req-1' },
        },
      ],
    });
  });

  it('answers an unexpected error with a generic 500 that reveals nothing, and logs it', () => {
    const error = new Error('connection string postgres://secret@db leaked');
    for (const exception of [error, new HttpException('upstream exploded', 502)]) {
      const written = render(exception);
      expect(written.status).toBe(500);
      expect(JSON.stringify(written.body)).not.toMatch(/secret|exploded/);
      expect(written.body).toEqual({
        jsonapi: { version: '1.0' },
        errors: [
          {
            status: '500',
            code: 'internal',
            title: 'Internal server error',
            detail: expect.stringContaining('request id') as string,
            meta: { requestId: 'req-1' },
          },
        ],
      });
    }
    expect(logged.error).toHaveBeenCalledWith(
      { err: error, reqId: 'req-1' },
      'Unhandled error while serving a request',
    );
  });

  it('writes nothing once the reply has been sent', () => {
    const written = render(new ShelfError('shelf-full'), { sent: true });
    expect(written).toEqual({ status: undefined, headers: {}, body: undefined });
  });
});
