import { ValidateIf } from 'class-validator';

/**
 * The property may be left out, but a value that is given must be valid, `null` included.
 * class-validator's `IsOptional` waves `null` through as if absent, and it then reaches the
 * service: a 500 where the column needs a value, or a silent clear of what the API documents as
 * never empty. Use `IsOptional` only where `null` is a documented value.
 */
export const IsOmittable = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/**
 * `PartialType(CreateThingDto, NULL_IS_A_VALUE)`: every property of the update becomes omittable
 * rather than optional, so `null` meets each property's own rules (it still passes where the
 * create DTO documents it with `IsOptional`).
 */
export const NULL_IS_A_VALUE = { skipNullProperties: false };
