import type { ValidationError } from 'class-validator';
import { PlatformError } from '../problems/platform-error';
import type { FieldError, FieldLocation } from '../problems/problem';

/** A request whose shape or values were rejected; `errors` lists each rejected value. */
export class RequestValidationError extends PlatformError {
  constructor(readonly errors: FieldError[]) {
    super('validation', `${errors.length} value(s) in the request are not valid`);
  }
}

const escapePointerToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** Flattens class-validator's error tree into one entry per failed constraint, with JSON pointers. */
export function toFieldErrors(
  errors: ValidationError[],
  location: FieldLocation,
  parent = '',
): FieldError[] {
  return errors.flatMap((error) => {
    const pointer = `${parent}/${escapePointerToken(error.property)}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      pointer,
      message,
      ...(location === 'body' ? {} : { in: location }),
    }));
    return [...own, ...toFieldErrors(error.children ?? [], location, pointer)];
  });
}
