import { ValidationError } from 'class-validator';
import { toFieldErrors } from './request-validation.error';

const error = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
) => Object.assign(new ValidationError(), { property, constraints, children });

describe('toFieldErrors', () => {
  it('points at nested and array values with RFC 6901 pointers', () => {
    const errors = [
      error('name', { isString: 'name must be a string' }),
      error('attendees', undefined, [
        error('0', undefined, [error('email', { isEmail: 'email must be an email' })]),
      ]),
    ];

    expect(toFieldErrors(errors, 'body')).toEqual([
      { pointer: '/name', message: 'name must be a string' },
      { pointer: '/attendees/0/email', message: 'email must be an email' },
    ]);
  });

  it('escapes ~ and / in property names', () => {
    expect(toFieldErrors([error('a/b~c', { x: 'bad' })], 'body')[0].pointer).toBe('/a~1b~0c');
  });

  it('gives one entry per failed constraint and says where a parameter came from', () => {
    expect(toFieldErrors([error('page', { isInt: 'not int', min: 'too small' })], 'query')).toEqual(
      [
        { pointer: '/page', message: 'not int', in: 'query' },
        { pointer: '/page', message: 'too small', in: 'query' },
      ],
    );
  });
});
