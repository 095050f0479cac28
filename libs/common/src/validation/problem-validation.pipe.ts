import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldLocation } from '../problems/problem';
import { RequestValidationError, toFieldErrors } from './request-validation.error';
import { unreadableInputErrors } from './unreadable-input';

const LOCATIONS: Partial<Record<ArgumentMetadata['type'], FieldLocation>> = {
  body: 'body',
  query: 'query',
  param: 'path',
};

const NOT_AN_OBJECT = { pointer: '', message: 'the body must be a JSON object' };

/** A JSON object, or no body at all (an all-optional DTO may be left out). */
const isBodyShaped = (value: unknown) =>
  value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));

// Thrown by the factory, then given its location by `transform`, which knows where the value came from.
class UnlocatedValidationError extends Error {
  constructor(readonly validationErrors: ValidationError[]) {
    super('validation failed');
  }
}

/**
 * The global pipe: strips nothing silently (unknown properties are errors), converts query and path
 * strings to the declared types, and reports failures as a `validation` problem with pointers.
 */
export class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new UnlocatedValidationError(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const location = LOCATIONS[metadata.type] ?? 'body';
    if (metadata.type !== 'custom') {
      const unreadable = unreadableInputErrors(value, location);
      if (unreadable.length > 0) throw new RequestValidationError(unreadable);
    }
    // Only an object can be a DTO: `null` would skip validation (and reach the handler as "no
    // changes"), and an array reaches class-validator in a shape it reports without pointers.
    if (metadata.type === 'body' && !isBodyShaped(value) && this.toValidate(metadata)) {
      throw new RequestValidationError([NOT_AN_OBJECT]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof UnlocatedValidationError)) throw error;
      const fieldErrors = toFieldErrors(error.validationErrors, location);
      // A body that is not an object at all (a string, an array) fails as a whole.
      throw new RequestValidationError(fieldErrors.length > 0 ? fieldErrors : [NOT_AN_OBJECT]);
    }
  }
}
