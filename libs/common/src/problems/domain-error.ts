/** What a problem code renders as. */
export interface ProblemSpec {
  status: number;
  title: string;
}

/** Every code a module can raise, each with its HTTP status and title: the type forces a complete map. */
export type ProblemCatalog<Code extends string> = Readonly<Record<Code, ProblemSpec>>;

/**
 * Base of every error raised on purpose. The global filter renders any subclass without knowing it,
 * because the instance carries its own code, status and title from its module's catalog.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  abstract readonly title: string;

  constructor(
    readonly detail: string,
    /** Extra problem members, e.g. `{ limit: 50 }`. */
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that belong with the problem, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/**
 * Makes a module's error class from its catalog:
 *
 * ```ts
 * export class RegistrationError extends defineErrors({
 *   'event-full': { status: 409, title: 'The event is full' },
 * }) {}
 * throw new RegistrationError('event-full', `Occurrence ${id} has no seats left`);
 * ```
 */
export function defineErrors<Code extends string>(catalog: ProblemCatalog<Code>) {
  abstract class CatalogError extends DomainError {
    static readonly catalog = catalog;
    readonly status: number;
    readonly title: string;

    constructor(
      readonly code: Code,
      detail?: string,
      extensions?: Record<string, unknown>,
      headers?: Record<string, string>,
    ) {
      super(detail ?? catalog[code].title, extensions, headers);
      this.status = catalog[code].status;
      this.title = catalog[code].title;
    }
  }
  return CatalogError;
}
