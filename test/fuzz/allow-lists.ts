import fc from 'fast-check';
import { hostileString, isUnstorable, SQL_FRAGMENTS } from './hostile-values';
import type { Variant } from './schema-variants';

/**
 * Inputs the API checks against an allow-list (sort keys, includes, filter fields and operators,
 * sparse fieldsets). Each value below names something outside every list, smuggles SQL or pairs
 * an operator with a value it cannot take: the API must refuse all of them.
 */
const OUTSIDE_EVERY_LIST = [
  ...SQL_FRAGMENTS.filter((fragment) => fragment.length > 2),
  'password_hash',
  'nope',
  'created_at desc',
  'createdAt SIDEWAYS',
  '-nope',
  'created_at,nope',
  'credentials.credentials.credentials',
  'person.person',
  '*',
  'active;drop',
];

/** Query values refused whatever the parameter's list: `sort`, `include`, `order`, `filter`. */
const listedQueryValue = fc.constantFrom(...OUTSIDE_EVERY_LIST);

/** Pairs for `filter[field]=value` that no project can match. */
const BAD_FILTER_PAIRS: Array<[string, string]> = [
  ['filter[password_hash]', 'x'],
  ['filter[created_at]', 'not-a-date'],
  ['filter[checked_in_at]', '2024-02-30'],
  ['filter[id]', 'not-a-uuid'],
  ['filter[attendee_type_id]', "' OR 1=1 --"],
  ['filter[status]', 'BOGUS'],
  ['filter[custom_fields.nope]', 'x'],
  ['filter[custom_fields.age]', 'forty'],
  ['filter[email][$ne]', 'x'],
  ['filter', 'not-an-object'],
  ['filter[first_name; DROP TABLE attendees]', 'x'],
];

/** Filters on free-text fields: odd values the API may run (and must answer cleanly). */
const oddFilterPair = fc
  .tuple(fc.constantFrom('first_name', 'email', 'custom_fields.company'), hostileString(100))
  .map(([field, value]): [string, string] => [`filter[${field}]`, value]);

const BAD_FIELDSETS: Array<[string, string]> = [
  ['fields[Attendee]', 'password_hash'],
  ['fields[Attendee]', "created_at' OR 1=1"],
  ['fields[Nope]', 'name'],
  ['fields', 'not-an-object'],
  ['fields[Attendee][nested]', 'name'],
  ['fields[__proto__]', 'name'],
];

export interface QueryVariant {
  pairs: Array<[string, string]>;
  invalid: boolean;
  label: string;
}

const pairs = (label: string, invalid: boolean) => (value: Array<[string, string]>) => ({
  pairs: value,
  invalid,
  label,
});

/** Curated hostile values for a query parameter the API reads against an allow-list. */
export function listedQueryVariants(name: string, type: string | undefined) {
  if (name === 'filter' && type === 'object') {
    return fc.oneof(
      fc.constantFrom(...BAD_FILTER_PAIRS).map((pair) => pairs(`bad ${pair[0]}`, true)([pair])),
      oddFilterPair.map((pair) => pairs(`odd ${pair[0]}`, false)([pair])),
    );
  }
  if (name === 'fields') {
    return fc.constantFrom(...BAD_FIELDSETS).map((pair) => pairs(`bad ${pair[0]}`, true)([pair]));
  }
  if (['sort', 'include', 'order', 'filter'].includes(name)) {
    return listedQueryValue.map((value) => pairs(`outside the list`, true)([[name, value]]));
  }
  return undefined;
}

/** `POST .../attendees/search` filters that are wrong for the field they name. */
const BAD_SEARCH_FILTERS = [
  { field: 'password_hash', operator: '=', value: 'x' },
  { field: 'created_at', operator: 'like', value: 'x%' },
  { field: 'created_at', operator: '<', value: 'not-a-date' },
  { field: 'email', operator: 'in', value: 'not-a-list' },
  { field: 'first_name', operator: 'is null', value: 'x' },
  { field: 'status', operator: '=', value: 'BOGUS' },
  { field: 'id', operator: '=', value: "' OR 1=1 --" },
  { field: 'custom_fields.nope', operator: '=', value: 1 },
  { field: 'custom_fields.age', operator: '>', value: 'forty' },
  { field: 'first_name', operator: '=', value: { $ne: null } },
  { field: 'first_name', operator: '=', value: 'x'.repeat(501) },
  { field: 'id', operator: 'in', value: Array.from({ length: 1001 }, () => 'x') },
  { field: 'first_name; DROP TABLE attendees', operator: '=', value: 'x' },
];

const BAD_SEARCH_SORTS = [
  { field: 'password_hash', direction: 'asc' },
  { field: 'created_at; DROP TABLE attendees', direction: 'asc' },
  { field: 'created_at', direction: 'sideways' },
  { field: 'custom_fields.nope', direction: 'desc' },
];

/** Extra body variants for the search DTO's allow-listed lists, keyed by property name. */
export const SEARCH_BODY_EXTRAS: Record<string, fc.Arbitrary<Variant>> = {
  filters: fc.oneof(
    fc.constantFrom(...BAD_SEARCH_FILTERS).map((filter) => ({
      value: [filter],
      invalid: true,
      label: `bad filter ${JSON.stringify(filter).slice(0, 80)}`,
    })),
    fc
      .tuple(fc.constantFrom('first_name', 'email', 'custom_fields.company'), hostileString(200))
      .map(([field, value]) => ({
        value: [{ field, operator: 'like', value }],
        invalid: isUnstorable(value),
        label: `odd like on ${field}`,
      })),
  ),
  sort: fc.constantFrom(...BAD_SEARCH_SORTS).map((sort) => ({
    value: [sort],
    invalid: true,
    label: `bad sort ${JSON.stringify(sort)}`,
  })),
};
