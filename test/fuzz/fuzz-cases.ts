import fc from 'fast-check';
import { listedQueryVariants, type QueryVariant, SEARCH_BODY_EXTRAS } from './allow-lists';
import type { Caller, FuzzWorld } from './fuzz-world';
import {
  hostileString,
  MALFORMED_DATE_TIMES,
  MALFORMED_UUIDS,
  NON_NUMBERS,
  stringOfLength,
} from './hostile-values';
import type { Operation, Parameter, Schema } from './openapi-operations';
import { baseValue, bodyVariants, type Resolver, type ValueHints } from './schema-variants';
import { encode, type RawRequest } from './raw-http';

/** One generated request and whether the document allows any reading of it. */
export interface FuzzCase {
  label: string;
  caller: Caller;
  request: RawRequest;
  /** Invalid by construction: anything but a 4xx is a failure. */
  invalid: boolean;
  /** The one status the API must answer, where the input decides it (413, 415, 401…). */
  status?: number;
}

/** What the generators of one operation's cases need from the world. */
export interface CaseContext {
  operation: Operation;
  world: FuzzWorld;
  resolve: Resolver;
  bodyLimit: number;
}

interface Part {
  label: string;
  invalid: boolean;
  status?: number;
  path?: string;
  query?: Array<[string, string]>;
  headers?: Record<string, string>;
  body?: Buffer;
  /** The caller this part needs, if any (hostile credentials replace the caller's own). */
  caller?: Caller;
}

const JSON_TYPE = 'application/json';
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

const fillPath = (template: string, values: Record<string, string>) =>
  template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]);

function hints(context: CaseContext): ValueHints {
  return { references: context.world.references, extras: SEARCH_BODY_EXTRAS };
}

/** Path segments that are not a real id or slug: malformed, traversing, NUL, huge, unicode. */
function pathParts(context: CaseContext): fc.Arbitrary<Part> | undefined {
  const { operation, world } = context;
  if (operation.pathParams.length === 0) return undefined;
  const real = world.pathValues(operation.path);
  const raw = fc.constantFrom('..', '%2e%2e%2f', '%00', '%E0%A4%A', '%', 'a%2Fb', '%20', '%ZZ');
  const encoded = fc
    .oneof(fc.constantFrom(...MALFORMED_UUIDS), hostileString(), stringOfLength(300))
    .map(encode)
    .filter((value) => value !== '' && value !== '.');
  return fc
    .tuple(fc.constantFrom(...operation.pathParams), fc.oneof(raw, encoded))
    .map(([name, value]) => ({
      label: `path {${name}} = ${value.slice(0, 60)}`,
      // A hostile word may be a slug an accepted request created (an event named `constructor`).
      invalid: !(name.endsWith('Slug') && SLUG.test(value)),
      path: fillPath(operation.path, { ...encodeAll(real), [name]: value }),
    }));
}

const encodeAll = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, encode(value)]));

/** Values a query parameter must refuse, or may take, by its schema. */
function queryValues(parameter: Parameter): fc.Arbitrary<QueryVariant> {
  const schema: Schema = parameter.schema ?? {};
  const name = parameter.name;
  const one = (label: string, invalid: boolean) => (value: string) => ({
    pairs: [[name, value]] as Array<[string, string]>,
    invalid,
    label: `?${name}: ${label}`,
  });
  const variants: fc.Arbitrary<QueryVariant>[] = [
    fc.constant('a\u0000b').map(one('NUL character', true)),
  ];
  const listed = listedQueryVariants(name, schema.type);
  if (listed) variants.push(listed);
  if (schema.type === 'number') {
    const outside = [schema.minimum, schema.maximum].flatMap((bound, index) =>
      bound === undefined ? [] : [String(index === 0 ? bound - 1 : bound + 1)],
    );
    variants.push(
      fc.constantFrom(...NON_NUMBERS, ...outside, '1e20', '-5').map(one('not a page number', true)),
      fc.constantFrom('0x10', ' 2', '+3', '1e1').map(one('lenient number', false)),
    );
  } else if (schema.enum) {
    variants.push(
      fc
        .oneof(hostileString(), fc.constantFrom(...schema.enum.map((v) => String(v).toLowerCase())))
        .filter((value) => !schema.enum!.includes(value))
        .map(one('not one of the enum', true)),
    );
  } else if (schema.format === 'uuid' || schema.items?.format === 'uuid') {
    variants.push(fc.constantFrom(...MALFORMED_UUIDS).map(one('malformed uuid', true)));
  } else if (schema.format === 'date-time') {
    variants.push(
      fc.constantFrom(...MALFORMED_DATE_TIMES.filter(Boolean)).map(one('malformed date', true)),
    );
  } else if (schema.type === 'boolean') {
    variants.push(fc.constantFrom('maybe', '2', 'null').map(one('not a boolean', true)));
  } else if (!listed) {
    variants.push(
      hostileString(schema.maxLength).map((value) =>
        one('hostile text', value.length > (schema.maxLength ?? Infinity))(value),
      ),
    );
  }
  if (schema.maxLength !== undefined) {
    variants.push(stringOfLength(schema.maxLength + 1).map(one('one too long', true)));
  }
  return fc.oneof(...variants);
}

/** Query strings that break a parameter's shape: repeated, bracketed, unknown, nested operators. */
function queryShapes(operation: Operation): fc.Arbitrary<QueryVariant> {
  const declared = operation.query.map((parameter) => parameter.name);
  const scalars = operation.query.filter(
    (p) => !['array', 'object'].includes(p.schema?.type ?? ''),
  );
  // Without declared parameters the route reads no query at all, so extras are merely ignored.
  const strict = declared.length > 0;
  const shapes: fc.Arbitrary<QueryVariant>[] = [
    fc
      .constantFrom<Array<[string, string]>>(
        [['nope', '1']],
        [['__proto__[polluted]', '1']],
        [['constructor[prototype][x]', '1']],
        [['filter[email][$ne]', 'x']],
        [['page[$gt]', '1']],
      )
      .filter((pairs) => !declared.includes(pairs[0][0].split('[')[0]))
      .map((pairs) => ({ pairs, invalid: strict, label: `unknown ${pairs[0][0]}` })),
  ];
  if (scalars.length > 0) {
    shapes.push(
      fc.constantFrom(...scalars).chain((parameter) =>
        fc.constantFrom<QueryVariant>(
          {
            pairs: [
              [parameter.name, '1'],
              [parameter.name, '2'],
            ],
            invalid: true,
            label: `?${parameter.name} twice`,
          },
          { pairs: [[`${parameter.name}[]`, '1']], invalid: true, label: `?${parameter.name}[]` },
          {
            pairs: [[`${parameter.name}[0]`, '1']],
            invalid: true,
            label: `?${parameter.name}[0]`,
          },
        ),
      ),
    );
  }
  return fc.oneof(...shapes);
}

function queryParts(context: CaseContext): fc.Arbitrary<Part> {
  const { operation } = context;
  const values =
    operation.query.length > 0
      ? fc.oneof(fc.constantFrom(...operation.query).chain(queryValues), queryShapes(operation))
      : queryShapes(operation);
  return values.map((v) => ({ label: v.label, invalid: v.invalid, query: v.pairs }));
}

function bodyParts(context: CaseContext, schema: Schema): fc.Arbitrary<Part> {
  return bodyVariants(schema, hints(context), context.resolve).map((v) => ({
    label: `body ${v.label}`,
    invalid: v.invalid,
    headers: { 'content-type': JSON_TYPE },
    body: json(v.value),
  }));
}

/** Text the JSON reader refuses, before any guard runs: always a 400. */
const UNREADABLE_JSON = [
  '{',
  '{"a":',
  '[1,]',
  "{'single': 'quotes'}",
  '{"a":1}}',
  'NaN',
  '{"a":NaN}',
  '{"a":undefined}',
  '\u0000',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '',
];

/** JSON that is no body of any operation; refused, after authorisation, whichever way. */
const WRONG_SHAPES = ['"just a string"', '[]', 'null', '17', 'true'];

const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Bodies no JSON object reader accepts, and JSON sent under the wrong media type. */
function transportParts(context: CaseContext, schema: Schema): fc.Arbitrary<Part> {
  const valid = JSON.stringify(baseValue(schema, '', hints(context), context.resolve));
  const body = (label: string, status?: number) => (text: string) => ({
    label: `${label} ${JSON.stringify(text.slice(0, 40))}`,
    invalid: true,
    status,
    headers: { 'content-type': JSON_TYPE },
    body: Buffer.from(text),
  });
  const unreadable: fc.Arbitrary<Part> = fc
    .oneof(
      fc.constantFrom(...UNREADABLE_JSON),
      // A prefix of a JSON object is never JSON.
      fc.integer({ min: 1, max: Math.max(1, valid.length - 1) }).map((n) => valid.slice(0, n)),
    )
    .map(body('malformed JSON', 400));
  const misshapen: fc.Arbitrary<Part> = fc
    .oneof(
      fc.constantFrom(...WRONG_SHAPES),
      fc.constantFrom(100, 5000).map(nestedObjects),
      fc.constantFrom(100, 20_000).map(nestedArrays),
    )
    .map(body('not a body'));
  const mediaTypes: fc.Arbitrary<Part> = fc
    .constantFrom<[string | undefined, string]>(
      ['text/plain', valid],
      ['application/xml', '<body/>'],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--`,
      ],
      ['application/x-www-form-urlencoded', new URLSearchParams(flatStrings(valid)).toString()],
      [undefined, valid],
      ['application/jsonx', valid],
    )
    .map(([type, text]): Part => ({
      label: `content-type ${type ?? '(none)'}`,
      invalid: true,
      status: 415,
      headers: type ? { 'content-type': type } : {},
      body: Buffer.from(text),
    }));
  const oversized: fc.Arbitrary<Part> = fc.constant({
    label: 'body over BODY_LIMIT',
    invalid: true,
    status: 413,
    headers: { 'content-type': JSON_TYPE },
    body: json({ padding: 'x'.repeat(context.bodyLimit) }),
  });
  return fc.oneof(unreadable, misshapen, mediaTypes, oversized);
}

/** The string members of a JSON object, as a form would carry them. */
function flatStrings(text: string): Record<string, string> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** Credentials that name nobody: a secured route must answer 401. */
function credentialParts(operation: Operation): fc.Arbitrary<Part> {
  return fc
    .constantFrom<Record<string, string>>(
      {},
      { authorization: 'Bearer not.a.jwt' },
      { authorization: `Bearer ${'a'.repeat(4000)}` },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: 'Bearer tk_0000000000000000000000000000' },
      { 'x-api-key': "tk_' OR 1=1 --" },
      { authorization: 'Bearer' },
    )
    .map((headers) => ({
      label: `credentials ${JSON.stringify(headers).slice(0, 60)}`,
      invalid: operation.secured,
      status: operation.secured ? 401 : undefined,
      headers: { accept: JSON_TYPE, ...headers },
      caller: 'anonymous' as const,
    }));
}

/** Every family of bad input that applies to `operation`, weighted toward its own schema. */
export function casesFor(context: CaseContext): fc.Arbitrary<FuzzCase> {
  const { operation, world } = context;
  const families: Array<fc.WeightedArbitrary<Part>> = [
    { arbitrary: queryParts(context), weight: operation.query.length > 0 ? 3 : 1 },
    { arbitrary: credentialParts(operation), weight: 1 },
  ];
  const path = pathParts(context);
  if (path) families.push({ arbitrary: path, weight: 2 });
  if (operation.body) {
    families.push(
      { arbitrary: bodyParts(context, operation.body), weight: 6 },
      { arbitrary: transportParts(context, operation.body), weight: 2 },
    );
  }
  const realPath = fillPath(operation.path, encodeAll(world.pathValues(operation.path)));
  // A part that is not about the body still sends a valid one, so the request reaches its code.
  const validBody: Pick<Part, 'headers' | 'body'> = operation.body
    ? {
        headers: { 'content-type': JSON_TYPE },
        body: json(baseValue(operation.body, '', hints(context), context.resolve)),
      }
    : {};
  const callers = fc.constantFrom<Caller>('admin', 'admin', 'organizer');
  // A DELETE that may be valid would remove the world's fixtures that later operations address.
  const parts =
    operation.method === 'DELETE'
      ? fc.oneof(...families).filter((part) => part.invalid)
      : fc.oneof(...families);
  return fc.tuple(parts, callers).map(([part, chosen]) => {
    const caller = part.caller ?? chosen;
    const body = part.body ? part : validBody;
    return {
      label: part.label,
      caller,
      invalid: part.invalid,
      status: part.status,
      request: {
        method: operation.method,
        path: part.path ?? realPath,
        query: part.query ?? [],
        headers: { ...world.headers[caller], ...part.headers, ...body.headers },
        body: body.body,
      },
    };
  });
}
