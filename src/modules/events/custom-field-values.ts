import type { FieldError } from '@turnout/common/problems/problem';
import type { CustomFieldType } from './custom-field.entity';

/** What the value check needs to know of a custom field. */
export interface CustomFieldRule {
  key: string;
  type: CustomFieldType;
  options: readonly string[] | null;
  required: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_TEXT_LENGTH = 10_000;

const isDate = (value: unknown) =>
  typeof value === 'string' &&
  DATE.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Why `value` is not an answer to `field`, or null when it is. */
function problemWith(field: CustomFieldRule, value: unknown): string | null {
  const options = field.options ?? [];
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT_LENGTH
        ? null
        : `must be a string of at most ${MAX_TEXT_LENGTH} characters`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return isDate(value) ? null : 'must be a date (YYYY-MM-DD)';
    case 'email':
      return typeof value === 'string' && value.length <= 320 && EMAIL.test(value)
        ? null
        : 'must be an email address';
    case 'select':
      return typeof value === 'string' && options.includes(value)
        ? null
        : `must be one of: ${options.join(', ')}`;
    case 'multiselect':
      return Array.isArray(value) &&
        new Set(value).size === value.length &&
        value.every((item) => typeof item === 'string' && options.includes(item))
        ? null
        : `must be a list of distinct values among: ${options.join(', ')}`;
  }
}

/**
 * Checks custom field answers against the event's definitions: unknown keys, wrong types, options
 * not in the list, and (with `complete`) required answers missing from `values`. A null answer
 * removes one, which a required field refuses.
 */
export function checkCustomFieldValues(
  fields: readonly CustomFieldRule[],
  values: Record<string, unknown>,
  { complete, pointer }: { complete: boolean; pointer: (key: string) => string },
): FieldError[] {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(values)) {
    const field = byKey.get(key);
    if (!field) {
      errors.push({
        pointer: pointer(key),
        message: `${key} is not a custom field of this project`,
      });
    } else if (value === null) {
      if (field.required) errors.push({ pointer: pointer(key), message: `${key} is required` });
    } else {
      const problem = problemWith(field, value);
      if (problem) errors.push({ pointer: pointer(key), message: `${key} ${problem}` });
    }
  }
  if (complete) {
    for (const field of fields) {
      if (field.required && !(field.key in values)) {
        errors.push({ pointer: pointer(field.key), message: `${field.key} is required` });
      }
    }
  }
  return errors;
}
