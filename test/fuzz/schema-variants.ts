import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  EXTREME_DATE_TIMES,
  EXTREME_NUMBERS,
  hostileString,
  isUnstorable,
  MALFORMED_DATE_TIMES,
  MALFORMED_DATES,
  MALFORMED_EMAILS,
  MALFORMED_UUIDS,
  stringOfLength,
} from './hostile-values';
import type { Schema } from './openapi-operations';

/**
 * One generated value and what the document says about it: `invalid` when no reading of the
 * schema allows it (the API must refuse it), otherwise the API may accept or refuse it.
 */
export interface Variant {
  value: unknown;
  invalid: boolean;
  /** Where and what, for failure reports: `/emergency_contact/name: too long`. */
  label: string;
}

/** Resolves `$ref`s met while walking nested schemas. */
export type Resolver = (schema: Schema) => Schema;

/** Valid values for properties whose meaning the schema alone cannot give. */
export interface ValueHints {
  /** Real ids by property name (`eventId`, `attendee_type_id`). */
  references: Record<string, string>;
  /** Extra variants for properties the API checks against an allow-list (`filters`, `sort`). */
  extras: Record<string, fc.Arbitrary<Variant>>;
}

const variant = (label: string, invalid: boolean) => (value: unknown) => ({
  value,
  invalid,
  label,
});

const at = (pointer: string, v: Variant): Variant => ({
  ...v,
  label: `${pointer}${v.label.startsWith('/') ? '' : ': '}${v.label}`,
});

const typeOf = (schema: Schema) =>
  schema.type ?? (schema.properties || schema.additionalProperties ? 'object' : undefined);

/** A value of another JSON type than `schema` wants, chosen so no coercion can rescue it. */
function wrongType(schema: Schema): fc.Arbitrary<unknown> | undefined {
  switch (typeOf(schema)) {
    case 'string':
      return fc.constantFrom(42, true, { nested: 'x' }, ['x']);
    case 'number':
    case 'integer':
      return fc.constantFrom('ten', true, { n: 1 }, [1, 2], '');
    case 'boolean':
      return fc.constantFrom('maybe', 2, { b: true }, [true]);
    case 'array':
      return fc.constantFrom('a,b', 7, { 0: 'x' });
    case 'object':
      return fc.constantFrom('object', 7, true, [{}]);
    default:
      return undefined;
  }
}

/**
 * Whether `value` breaks the string rules of `schema`; null when its length is in doubt (a rule
 * may count code units or code points, and the two disagree about it).
 */
function stringBreaks(schema: Schema, value: string): boolean | null {
  const lengths = [value.length, [...value].length];
  const tooLong = schema.maxLength !== undefined && lengths.map((n) => n > schema.maxLength!);
  const tooShort = schema.minLength !== undefined && lengths.map((n) => n < schema.minLength!);
  if (isUnstorable(value)) return true;
  if (schema.enum && !schema.enum.includes(value)) return true;
  if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) return true;
  for (const rule of [tooLong, tooShort]) {
    if (rule && rule.every(Boolean)) return true;
    if (rule && rule.some(Boolean)) return null;
  }
  return false;
}

function stringVariants(schema: Schema): fc.Arbitrary<Variant>[] {
  const judged = (label: string) => (value: string) => ({
    value,
    label,
    invalid: stringBreaks(schema, value) === true,
  });
  const variants = [fc.constant('a\u0000b').map(variant('NUL character', true))];
  const formatted: Record<string, string[]> = {
    uuid: MALFORMED_UUIDS,
    'date-time': MALFORMED_DATE_TIMES,
    date: MALFORMED_DATES,
    email: MALFORMED_EMAILS,
  };
  if (schema.format && formatted[schema.format]) {
    variants.push(fc.constantFrom(...formatted[schema.format]).map(variant('malformed', true)));
  } else if (schema.enum) {
    variants.push(
      fc
        .oneof(
          hostileString(),
          fc.constantFrom(...schema.enum.map((choice) => String(choice).toLowerCase() + ' ')),
        )
        .filter((value) => !schema.enum!.includes(value))
        .map(variant('not one of the enum', true)),
    );
  } else {
    variants.push(hostileString(schema.maxLength).map(judged('hostile text')));
  }
  if (schema.format === 'date-time') {
    variants.push(fc.constantFrom(...EXTREME_DATE_TIMES).map(variant('extreme date', false)));
  }
  if (schema.maxLength !== undefined) {
    variants.push(stringOfLength(schema.maxLength + 1).map(judged('one too long')));
  }
  if (schema.minLength) variants.push(fc.constant('').map(variant('empty', true)));
  variants.push(
    fc.integer({ min: 10_000, max: 60_000 }).chain(stringOfLength).map(judged('huge string')),
  );
  return variants;
}

function numberVariants(schema: Schema): fc.Arbitrary<Variant>[] {
  const outOfRange = (n: number) =>
    (schema.minimum !== undefined && n < schema.minimum) ||
    (schema.maximum !== undefined && n > schema.maximum);
  const variants: fc.Arbitrary<Variant>[] = [
    fc.constantFrom(...EXTREME_NUMBERS).map((n) => ({
      value: n,
      invalid: outOfRange(n),
      label: 'extreme number',
    })),
  ];
  if (schema.minimum !== undefined) {
    variants.push(fc.constant(schema.minimum - 1).map(variant('below the minimum', true)));
  }
  if (schema.maximum !== undefined) {
    variants.push(fc.constant(schema.maximum + 1).map(variant('above the maximum', true)));
  }
  return variants;
}

function arrayVariants(schema: Schema, hints: ValueHints, resolve: Resolver) {
  const item = resolve(schema.items ?? {});
  const variants: fc.Arbitrary<Variant>[] = [
    valueVariants(item, hints, resolve).map((v) => ({
      value: [baseValue(item, '', hints, resolve), v.value],
      invalid: v.invalid,
      label: `/1${v.label.startsWith('/') ? '' : ': '}${v.label}`,
    })),
  ];
  if (schema.maxItems !== undefined) {
    const tooMany = Array.from({ length: schema.maxItems + 1 }, () =>
      baseValue(item, '', hints, resolve),
    );
    variants.push(fc.constant(tooMany).map(variant('one item too many', true)));
  }
  if (schema.minItems) variants.push(fc.constant([]).map(variant('no items', true)));
  return variants;
}

/** Free-form maps (`custom_fields`, `fields`): hostile keys and values the API may still accept. */
const freeMap = () =>
  fc
    .dictionary(hostileString(40), fc.oneof(hostileString(), fc.double(), fc.boolean()), {
      minKeys: 1,
      maxKeys: 3,
    })
    .map(variant('hostile keys and values', false));

/** Invalid and edge-case values for a value of `schema`. */
export function valueVariants(
  schema: Schema,
  hints: ValueHints,
  resolve: Resolver,
): fc.Arbitrary<Variant> {
  const variants: fc.Arbitrary<Variant>[] = [
    fc.constant(null).map(variant('null', !schema.nullable)),
  ];
  const wrong = wrongType(schema);
  if (wrong) variants.push(wrong.map(variant('wrong type', true)));
  switch (typeOf(schema)) {
    case 'string':
      variants.push(...stringVariants(schema));
      break;
    case 'number':
    case 'integer':
      variants.push(...numberVariants(schema));
      break;
    case 'array':
      variants.push(...arrayVariants(schema, hints, resolve));
      break;
    case 'object':
      variants.push(schema.properties ? bodyVariants(schema, hints, resolve) : freeMap());
      break;
    default:
      // `oneOf: [{}, array]` and friends take anything: throw everything at them.
      variants.push(
        fc.oneof(hostileString(), fc.jsonValue({ maxDepth: 3 })).map(variant('anything', false)),
      );
  }
  return fc.oneof(...variants);
}

/** A value `schema` accepts, from the world's real ids where the property names one. */
export function baseValue(
  schema: Schema,
  name: string,
  hints: ValueHints,
  resolve: Resolver,
): unknown {
  if (schema.enum) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'string':
      return baseString(schema, name, hints);
    case 'number':
    case 'integer':
      return Math.min(schema.maximum ?? Infinity, Math.max(schema.minimum ?? 1, 1));
    case 'boolean':
      return true;
    case 'array': {
      const item = resolve(schema.items ?? {});
      return Array.from({ length: schema.minItems ?? 0 }, () =>
        baseValue(item, '', hints, resolve),
      );
    }
    case 'object':
      return baseObject(schema, hints, resolve);
    default:
      return 'x';
  }
}

const KNOWN_STRINGS: Record<string, string> = {
  url: 'https://example.com/turnout-hook',
  password: 'correct-horse-battery',
  endDate: '2030-01-01T18:00:00Z',
  endsAt: '2030-01-01T18:00:00Z',
};

function baseString(schema: Schema, name: string, hints: ValueHints): string {
  if (hints.references[name]) return hints.references[name];
  if (KNOWN_STRINGS[name]) return KNOWN_STRINGS[name];
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'email':
      return `fuzz-${randomUUID().slice(0, 8)}@example.com`;
    case 'date-time':
      return '2030-01-01T10:00:00Z';
    case 'date':
      return '2030-01-01';
    case 'uri':
      return 'https://example.com/avatar.png';
  }
  if (schema.pattern) {
    return fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { seed: 1, numRuns: 1 })[0];
  }
  return 'Fuzz'.padEnd(schema.minLength ?? 0, 'z').slice(0, schema.maxLength ?? 4);
}

function baseObject(schema: Schema, hints: ValueHints, resolve: Resolver) {
  return Object.fromEntries(
    (schema.required ?? [])
      .filter((name) => schema.properties?.[name])
      .map((name) => [name, baseValue(resolve(schema.properties![name]), name, hints, resolve)]),
  );
}

const unknownKey = (schema: Schema) =>
  fc
    .oneof(
      fc.constantFrom('isAdmin', 'role ', 'id', '', 'constructor', 'toString', '$where', 'a.b'),
      hostileString(30),
    )
    .filter((key) => !Object.hasOwn(schema.properties ?? {}, key) && !key.includes('\u0000'));

/**
 * A valid object of `schema` with one thing wrong or odd: a required property missing, an
 * unknown one added, or one property replaced by one of its variants.
 */
export function bodyVariants(
  schema: Schema,
  hints: ValueHints,
  resolve: Resolver,
): fc.Arbitrary<Variant> {
  const base = baseObject(schema, hints, resolve);
  const properties = Object.entries(schema.properties ?? {});
  const families: fc.Arbitrary<Variant>[] = [
    unknownKey(schema).map((key) => ({
      value: { ...base, [key]: 'surprise' },
      invalid: schema.additionalProperties !== true,
      label: `unknown property ${JSON.stringify(key)}`,
    })),
  ];
  // A required property with a default is filled in by the API when missing.
  const required = (schema.required ?? []).filter(
    (name) =>
      (schema.properties?.[name] as { default?: unknown } | undefined)?.default === undefined,
  );
  if (required.length > 0) {
    families.push(
      fc.constantFrom(...required).map((name) => {
        const rest: Record<string, unknown> = { ...base };
        delete rest[name];
        return { value: rest, invalid: true, label: `/${name}: missing` };
      }),
    );
  }
  if (properties.length > 0) {
    families.push(
      fc.constantFrom(...properties).chain(([name, property]) => {
        const own = valueVariants(resolve(property), hints, resolve);
        const extra = hints.extras[name];
        return (extra ? fc.oneof(own, extra) : own).map((v) =>
          at(`/${name}`, { ...v, value: { ...base, [name]: v.value } }),
        );
      }),
    );
  }
  return fc.oneof(...families);
}
