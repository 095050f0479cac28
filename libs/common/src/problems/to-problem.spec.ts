import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
} from '@nestjs/common';
import { ConnectionException, DriverException } from '@mikro-orm/core';
import { defineErrors } from './domain-error';
import { toProblem } from './to-problem';

class SampleError extends defineErrors({
  'event-full': { status: 409, title: 'The event is full' },
}) {}

describe('toProblem', () => {
  it('renders a module error from its catalog, keeping extensions and headers', () => {
    const problem = toProblem(
      new SampleError('event-full', 'No seats left', { capacity: 50 }, { 'retry-after': '1' }),
    );
    expect(problem).toEqual({
      code: 'event-full',
      status: 409,
      title: 'The event is full',
      detail: 'No seats left',
      errors: undefined,
      extensions: { capacity: 50 },
      headers: { 'retry-after': '1' },
    });
  });

  it('defaults a module error detail to its title', () => {
    expect(toProblem(new SampleError('event-full'))?.detail).toBe('The event is full');
  });

  it.each([
    [new NotFoundException('Cannot GET /x'), 404, 'not-found'],
    [new ForbiddenException(), 403, 'forbidden'],
    [new BadRequestException(['a is bad', 'b is bad']), 400, 'bad-request'],
    [new HttpException('I am a teapot', 418), 400, 'bad-request'],
  ])('maps %p to %p %p', (error, status, code) => {
    expect(toProblem(error)).toMatchObject({ status, code });
  });

  it('joins the messages of a Nest exception into the detail', () => {
    expect(toProblem(new BadRequestException(['a is bad', 'b is bad']))?.detail).toBe(
      'a is bad; b is bad',
    );
  });

  it("maps Fastify's own rejections kept as the cause of Nest's wrapper", () => {
    const cause = Object.assign(new Error('Body is not valid JSON'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    });
    expect(toProblem(new HttpException('Body is not valid JSON', 400, { cause }))?.code).toBe(
      'malformed-json',
    );
  });

  it('answers a database outage with 503 and Retry-After', () => {
    for (const error of [
      new ConnectionException(new Error('connection lost')),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
      new DriverException(new Error('Connection terminated unexpectedly')),
      new DriverException(
        new Error('Client has encountered a connection error and is not queryable'),
      ),
    ]) {
      expect(toProblem(error)).toMatchObject({
        status: 503,
        code: 'service-unavailable',
        headers: { 'retry-after': '5' },
      });
    }
  });

  it('leaves unexpected errors and server-side HttpExceptions to the generic 500', () => {
    expect(toProblem(new Error('boom'))).toBeUndefined();
    expect(toProblem(new HttpException('bad gateway', 502))).toBeUndefined();
    expect(toProblem('a string')).toBeUndefined();
  });
});
