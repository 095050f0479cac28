import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { FieldLocation } from '../problems/problem';
import { nulCharacterErrors } from './nul-characters';
import { RequestValidationError, toFieldErrors } from './request-validation.error';

const LOCATIONS: Partial<Record<ArgumentMetadata['type'], FieldLocation>> = {
  body: 'body',
  query: 'query',
  param: 'path',
};

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
    if (metadata.type !== 'custom') {
      const nul = nulCharacterErrors(value, LOCATIONS[metadata.type] ?? 'body');
      if (nul.length > 0) throw new RequestValidationError(nul);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof UnlocatedValidationError)) throw error;
      const location = LOCATIONS[metadata.type] ?? 'body';
      const fieldErrors = toFieldErrors(error.validationErrors, location);
      // A body that is not an object at all (a string, an array) fails as a whole.
      throw new RequestValidationError(
        fieldErrors.length > 0
          ? fieldErrors
          : [{ pointer: '', message: 'the body must be a JSON object' }],
      );
    }
  }
}
