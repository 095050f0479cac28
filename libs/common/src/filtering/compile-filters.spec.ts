import { RequestValidationError } from '../validation/request-validation.error';
import { compileFilters, compileSort, MAX_FILTERS } from './compile-filters';
import type { FieldType, FilterClause, FilterSpec } from './filter-spec';
import {
  filterParamOptions,
  parseFilterParams,
  parseSortParam,
  SORT_PARAM_OPTIONS,
} from './query-params';

const CUSTOM_FIELDS = new Map<string, FieldType>([
  ['company', 'string'],
  ['size', 'number'],
  ['vegan', 'boolean'],
  ['joined', 'date'],
  ['topics', 'string[]'],
  ['badge', 'uuid'],
  ['seen_at', 'datetime'],
]);

const spec: FilterSpec = {
  fields: {
    email: { type: 'string', sql: 't.email', caseInsensitive: true, sortable: true },
    last_name: { type: 'string', sql: 't.last_name', sortable: true },
    age: { type: 'number', sql: 't.age' },
    vip: { type: 'boolean', sql: 't.vip' },
    id: { type: 'uuid', sql: 't.id' },
    created_at: { type: 'datetime', sql: 't.created_at', sortable: true },
    birthday: { type: 'date', sql: 't.birthday' },
    status: { type: 'enum', sql: 't.status', values: ['attending', 'waitlisted'] },
    group_ids: { type: 'uuid', sql: 't.group_ids', array: true },
    tags: { type: 'string[]', sql: 't.tags' },
    secret: { type: 'string', sql: 't.secret', filterable: false },
  },
  json: { prefix: 'custom_fields.', sql: 't.fields', resolve: (key) => CUSTOM_FIELDS.get(key) },
};

const UUID = '3F2504E0-4F89-11D3-9A0C-0305E82C3301';
const options = { pointer: (index: number, member: string) => `/filters/${index}/${member}` };
const compile = (...clauses: FilterClause[]) => compileFilters(spec, clauses, options);
const one = (field: string, operator: string, value?: unknown) =>
  compile({ field, operator, value })[0];

/** The field errors a call throws; fails the test when it throws nothing or something else. */
function errorsOf(call: () => unknown) {
  try {
    call();
  } catch (error) {
    if (error instanceof RequestValidationError) return error.errors;
    throw error;
  }
  throw new Error('expected a RequestValidationError');
}
const rejection = (field: string, operator: string, value?: unknown) =>
  errorsOf(() => compile({ field, operator, value }));

describe('compileFilters on plain columns', () => {
  it('compares strings exactly, or through lower() when the field is case-insensitive', () => {
    expect(one('last_name', '=', 'Smith')).toEqual({ sql: '(t.last_name = ?)', params: ['Smith'] });
    expect(one('email', '=', 'A@X.com')).toEqual({
      sql: '(lower(t.email) = lower(?))',
      params: ['A@X.com'],
    });
    expect(one('email', 'in', ['a@x.com', 'B@x.com'])).toEqual({
      sql: '(lower(t.email) in (lower(?), lower(?)))',
      params: ['a@x.com', 'B@x.com'],
    });
  });

  it('makes != and not in match nulls too (is distinct from)', () => {
    expect(one('last_name', '!=', 'Smith')).toEqual({
      sql: '(t.last_name is distinct from ?)',
      params: ['Smith'],
    });
    expect(one('age', 'not in', [1, 2])).toEqual({
      sql: '(t.age is null or t.age not in (?, ?))',
      params: [1, 2],
    });
  });

  it('treats % as the only like wildcard and escapes _ and \\', () => {
    expect(one('email', 'like', '%a_b\\c%')).toEqual({
      sql: "(t.email ilike ? escape '\\')",
      params: ['%a\\_b\\\\c%'],
    });
    expect(one('last_name', 'like', 'Sm%')).toEqual({
      sql: "(t.last_name like ? escape '\\')",
      params: ['Sm%'],
    });
  });

  it('orders numbers, strings, dates and date-times, casting parameters but not numbers', () => {
    expect(one('age', '>=', 18)).toEqual({ sql: '(t.age >= ?)', params: [18] });
    expect(one('last_name', '<', 'M')).toEqual({ sql: '(t.last_name < ?)', params: ['M'] });
    expect(one('birthday', '<=', '2000-02-29')).toEqual({
      sql: '(t.birthday <= ?::date)',
      params: ['2000-02-29'],
    });
    // A time to the second (as responses show times) is that whole second.
    expect(one('created_at', '>', '2024-01-15T10:30:00+02:00')).toEqual({
      sql: '(t.created_at >= ?::timestamptz)',
      params: ['2024-01-15T08:30:01.000Z'],
    });
    expect(one('created_at', '=', '2024-01-15T10:30:00Z')).toEqual({
      sql: '(t.created_at >= ?::timestamptz and t.created_at < ?::timestamptz)',
      params: ['2024-01-15T10:30:00.000Z', '2024-01-15T10:30:01.000Z'],
    });
    expect(one('created_at', '>', '2024-01-15T10:30:00.250Z')).toEqual({
      sql: '(t.created_at > ?::timestamptz)',
      params: ['2024-01-15T10:30:00.250Z'],
    });
  });

  it('reads a date against a date-time as that whole UTC day', () => {
    const [start, next] = ['2024-01-15T00:00:00.000Z', '2024-01-16T00:00:00.000Z'];
    expect(one('created_at', '=', '2024-01-15')).toEqual({
      sql: '(t.created_at >= ?::timestamptz and t.created_at < ?::timestamptz)',
      params: [start, next],
    });
    expect(one('created_at', '!=', '2024-01-15')).toEqual({
      sql: '(t.created_at is null or t.created_at < ?::timestamptz or t.created_at >= ?::timestamptz)',
      params: [start, next],
    });
    expect(one('created_at', '<', '2024-01-15')).toEqual({
      sql: '(t.created_at < ?::timestamptz)',
      params: [start],
    });
    expect(one('created_at', '>=', '2024-01-15')).toEqual({
      sql: '(t.created_at >= ?::timestamptz)',
      params: [start],
    });
    expect(one('created_at', '>', '2024-01-15')).toEqual({
      sql: '(t.created_at >= ?::timestamptz)',
      params: [next],
    });
    expect(one('created_at', '<=', '2024-12-31')).toEqual({
      sql: '(t.created_at < ?::timestamptz)',
      params: ['2025-01-01T00:00:00.000Z'],
    });
  });

  it('casts uuids, booleans and enums fit their column', () => {
    expect(one('id', '=', UUID)).toEqual({ sql: '(t.id = ?::uuid)', params: [UUID.toLowerCase()] });
    expect(one('id', 'in', [UUID])).toEqual({
      sql: '(t.id in (?::uuid))',
      params: [UUID.toLowerCase()],
    });
    expect(one('vip', '=', false)).toEqual({ sql: '(t.vip = ?::boolean)', params: [false] });
    expect(one('vip', '!=', true)).toEqual({
      sql: '(t.vip is distinct from ?::boolean)',
      params: [true],
    });
    expect(one('status', 'in', ['attending'])).toEqual({
      sql: '(t.status in (?))',
      params: ['attending'],
    });
  });

  it('tests nullness without a value, and accepts an explicit null', () => {
    expect(one('birthday', 'is null')).toEqual({ sql: '(t.birthday is null)', params: [] });
    expect(one('vip', 'IS  NOT NULL', null)).toEqual({ sql: '(t.vip is not null)', params: [] });
  });

  it('ANDs several clauses in order', () => {
    expect(
      compile(
        { field: 'age', operator: '>', value: 1 },
        { field: 'status', operator: '=', value: 'waitlisted' },
      ),
    ).toEqual([
      { sql: '(t.age > ?)', params: [1] },
      { sql: '(t.status = ?)', params: ['waitlisted'] },
    ]);
  });
});

describe('compileFilters on array columns', () => {
  it('reads = as contains, in as overlaps and is null as empty', () => {
    const id = UUID.toLowerCase();
    expect(one('group_ids', '=', UUID)).toEqual({
      sql: '(t.group_ids @> ?::uuid[])',
      params: [`{"${id}"}`],
    });
    expect(one('group_ids', '!=', UUID)).toEqual({
      sql: '(not coalesce(t.group_ids @> ?::uuid[], false))',
      params: [`{"${id}"}`],
    });
    expect(one('group_ids', 'in', [UUID, UUID])).toEqual({
      sql: '(t.group_ids && ?::uuid[])',
      params: [`{"${id}","${id}"}`],
    });
    expect(one('group_ids', 'not in', [UUID])).toEqual({
      sql: '(not coalesce(t.group_ids && ?::uuid[], false))',
      params: [`{"${id}"}`],
    });
    expect(one('group_ids', 'is null')).toEqual({
      sql: '(coalesce(cardinality(t.group_ids), 0) = 0)',
      params: [],
    });
    expect(one('group_ids', 'is not null')).toEqual({
      sql: '(cardinality(t.group_ids) > 0)',
      params: [],
    });
  });

  it('leaves text arrays uncast, so the literal takes the column type, and quotes elements', () => {
    expect(one('tags', 'in', ['a', 'b'])).toEqual({ sql: '(t.tags && ?)', params: ['{"a","b"}'] });
    expect(one('tags', '=', 'x,"}\\')).toEqual({
      sql: '(t.tags @> ?)',
      params: ['{"x,\\"}\\\\"}'],
    });
  });

  it('refuses ordering and like on arrays, and elements of the wrong type', () => {
    expect(rejection('group_ids', '<', UUID)[0].message).toMatch(/< does not apply to group_ids/);
    expect(rejection('tags', 'like', 'a%')[0].pointer).toBe('/filters/0/operator');
    expect(rejection('group_ids', '=', 'nope')).toEqual([
      { pointer: '/filters/0/value', message: 'group_ids must be a UUID' },
    ]);
  });
});

describe('compileFilters on JSON keys', () => {
  const doc = (value: unknown) => JSON.stringify(value);

  it('uses containment for = and !=, so a GIN index can serve them', () => {
    expect(one('custom_fields.company', '=', 'Acme')).toEqual({
      sql: '(t.fields @> ?::jsonb)',
      params: [doc({ company: 'Acme' })],
    });
    expect(one('custom_fields.size', '=', 5)).toEqual({
      sql: '(t.fields @> ?::jsonb)',
      params: [doc({ size: 5 })],
    });
    expect(one('custom_fields.vegan', '!=', true)).toEqual({
      sql: '(not coalesce((t.fields @> ?::jsonb), false))',
      params: [doc({ vegan: true })],
    });
    expect(one('custom_fields.topics', '=', 'ai')).toEqual({
      sql: '(t.fields @> ?::jsonb)',
      params: [doc({ topics: ['ai'] })],
    });
    expect(one('custom_fields.badge', '=', UUID).params).toEqual([
      doc({ badge: UUID.toLowerCase() }),
    ]);
    expect(rejection('custom_fields.badge', '=', 'x')[0].message).toBe(
      'custom_fields.badge must be a UUID',
    );
  });

  it('reads in as any of the containments (overlap for multiselects)', () => {
    expect(one('custom_fields.company', 'in', ['A', 'B'])).toEqual({
      sql: '(t.fields @> ?::jsonb or t.fields @> ?::jsonb)',
      params: [doc({ company: 'A' }), doc({ company: 'B' })],
    });
    expect(one('custom_fields.topics', 'not in', ['ai'])).toEqual({
      sql: '(not coalesce((t.fields @> ?::jsonb), false))',
      params: [doc({ topics: ['ai'] })],
    });
  });

  it('binds the key and guards number comparisons against non-number values', () => {
    expect(one('custom_fields.size', '<', 10)).toEqual({
      sql: "((case when jsonb_typeof(t.fields -> ?::text) = 'number' then (t.fields ->> ?::text)::numeric end) < ?::numeric)",
      params: ['size', 'size', 10],
    });
    expect(one('custom_fields.joined', '>=', '2024-01-01')).toEqual({
      sql: '((t.fields ->> ?::text) >= ?)',
      params: ['joined', '2024-01-01'],
    });
  });

  it('matches like case-insensitively and tests nullness by key', () => {
    expect(one('custom_fields.company', 'like', 'ac_%')).toEqual({
      sql: "((t.fields ->> ?::text) ilike ? escape '\\')",
      params: ['company', 'ac\\_%'],
    });
    expect(one('custom_fields.company', 'is null')).toEqual({
      sql: "(coalesce(jsonb_typeof(t.fields -> ?::text), 'null') = 'null')",
      params: ['company'],
    });
    expect(one('custom_fields.company', 'is not null')).toEqual({
      sql: "(jsonb_typeof(t.fields -> ?::text) <> 'null')",
      params: ['company'],
    });
  });

  it('refuses keys the spec does not resolve, and operators that do not fit the key', () => {
    expect(rejection('custom_fields.nope', '=', 'x')[0].message).toMatch(/^unknown field/);
    expect(rejection('custom_fields.', '=', 'x')[0].message).toMatch(/^unknown field/);
    expect(rejection('custom_fields.vegan', '<', true)[0].pointer).toBe('/filters/0/operator');
    expect(rejection('custom_fields.topics', 'like', 'a')[0].pointer).toBe('/filters/0/operator');
    expect(rejection('custom_fields.size', 'like', '1%')[0].pointer).toBe('/filters/0/operator');
    // JSON date-times are text, so ordering them would be lexical: refused.
    expect(rejection('custom_fields.seen_at', '>', '2024-01-01T00:00:00Z')[0].pointer).toBe(
      '/filters/0/operator',
    );
  });
});

describe('compileFilters rejections', () => {
  it('names the filterable fields when the field is unknown or not filterable', () => {
    expect(rejection('email; drop table', '=', 'x')).toEqual([
      {
        pointer: '/filters/0/field',
        message: expect.stringContaining('filterable fields are: email, last_name') as string,
      },
    ]);
    expect(rejection('secret', '=', 'x')[0].message).toBe('secret cannot be filtered on');
    expect(rejection('constructor', '=', 'x')[0].message).toMatch(/^unknown field/);
    expect(errorsOf(() => compile({ field: 5, operator: '=' } as never))[0].message).toBe(
      'field must be a string',
    );
  });

  it('refuses unknown operators and operators the type does not support', () => {
    expect(rejection('age', '~', 1)[0]).toEqual({
      pointer: '/filters/0/operator',
      message: expect.stringMatching(/^operator must be one of: =, !=/) as string,
    });
    expect(rejection('age', 'like', '1%')[0].message).toMatch(/like does not apply to age/);
    for (const op of ['<', 'in', 'like'])
      expect(rejection('vip', op, true)[0].pointer).toBe('/filters/0/operator');
    for (const op of ['<', 'like']) {
      expect(rejection('id', op, UUID)[0].pointer).toBe('/filters/0/operator');
      expect(rejection('status', op, 'attending')[0].pointer).toBe('/filters/0/operator');
    }
    expect(rejection('created_at', 'like', '2024%')[0].pointer).toBe('/filters/0/operator');
  });

  it('refuses a value with the null operators, and a missing value with the others', () => {
    expect(rejection('age', 'is null', 3)[0].message).toBe('is null takes no value');
    expect(rejection('age', '=', null)[0].message).toMatch(/use is null/);
    expect(rejection('age', '>')[0].message).toMatch(/takes a value/);
  });

  it('refuses values that are not of the field type, saying what was expected', () => {
    const message = (field: string, value: unknown, op = '=') =>
      rejection(field, op, value)[0].message;
    expect(message('age', '5')).toBe('age must be a number');
    expect(message('age', Number.NaN)).toBe('age must be a number');
    expect(message('age', Infinity)).toBe('age must be a number');
    expect(message('vip', 'true')).toBe('vip must be true or false');
    expect(message('id', 'not-a-uuid')).toBe('id must be a UUID');
    expect(message('birthday', '2023-02-29')).toBe('birthday must be a date (YYYY-MM-DD)');
    expect(message('birthday', '2024-1-5')).toMatch(/YYYY-MM-DD/);
    expect(message('created_at', '2024-01-15T10:30:00')).toMatch(/with a time zone/);
    expect(message('created_at', '2024-02-30T10:30:00Z')).toMatch(/ISO 8601/);
    expect(message('created_at', '2024-01-15T24:00:00Z')).toMatch(/ISO 8601/);
    expect(message('status', 'cancelled')).toBe('status must be one of: attending, waitlisted');
    expect(message('last_name', 'x'.repeat(501))).toMatch(/at most 500 characters/);
    expect(message('last_name', 'a\u0000b')).toMatch(/without NUL/);
    expect(message('last_name', 5)).toMatch(/must be a string/);
    expect(message('email', 5, 'like')).toMatch(/must be a string/);
    expect(message('custom_fields.size', '5', '<')).toBe('custom_fields.size must be a number');
  });

  it('accepts the edges of the value rules', () => {
    expect(one('last_name', '=', 'x'.repeat(500)).params).toHaveLength(1);
    expect(one('birthday', '=', '2024-02-29').params).toEqual(['2024-02-29']);
    expect(one('created_at', '=', '2024-01-15T10:30:00.123456-14:00').params).toHaveLength(1);
    expect(one('age', 'in', Array(1000).fill(1)).params).toHaveLength(1000);
  });

  it('needs a non-empty list of at most 1000 values of the type for in and not in', () => {
    expect(rejection('age', 'in', [])[0].message).toBe(
      'in takes a non-empty list of at most 1000 values',
    );
    expect(rejection('age', 'not in', 5)[0].message).toMatch(/non-empty list/);
    expect(rejection('age', 'in', Array(1001).fill(1))[0].message).toMatch(/at most 1000/);
    expect(rejection('age', 'in', [1, 'two'])[0].message).toBe(
      'value 1 of the list must be a number',
    );
    expect(rejection('created_at', 'in', ['2024-01-15'])[0].message).toMatch(
      /use = for a whole day/,
    );
  });

  it('collects every rejection, with pointers from the caller', () => {
    const errors = errorsOf(() =>
      compileFilters(
        spec,
        [
          { field: 'nope', operator: '=', value: 1 },
          { field: 'age', operator: '>', value: 1 },
          { field: 'age', operator: 'between', value: 1 },
          { field: 'vip', operator: '=', value: 'yes' },
        ],
        { pointer: (index, member) => `/f/${index}/${member}`, location: 'query' },
      ),
    );
    expect(errors.map(({ pointer, in: where }) => [pointer, where])).toEqual([
      ['/f/0/field', 'query'],
      ['/f/2/operator', 'query'],
      ['/f/3/value', 'query'],
    ]);
  });

  it(`allows ${MAX_FILTERS} clauses and refuses one more`, () => {
    const clause = { field: 'age', operator: '>', value: 1 };
    expect(compile(...Array<FilterClause>(MAX_FILTERS).fill(clause))).toHaveLength(MAX_FILTERS);
    expect(errorsOf(() => compile(...Array<FilterClause>(MAX_FILTERS + 1).fill(clause)))).toEqual([
      { pointer: '/filters/20/field', message: 'at most 20 filters per request' },
    ]);
  });
});

describe('compileSort', () => {
  const sortOptions = { pointer: (index: number, member: string) => `/sort/${index}/${member}` };

  it('returns the trusted expression of each sortable field', () => {
    expect(
      compileSort(
        spec,
        [
          { field: 'created_at', direction: 'desc' },
          { field: 'last_name', direction: 'asc' },
        ],
        sortOptions,
      ),
    ).toEqual([
      { sql: 't.created_at', direction: 'desc' },
      { sql: 't.last_name', direction: 'asc' },
    ]);
  });

  it('refuses unknown, unsortable and repeated fields and other directions, all at once', () => {
    const errors = errorsOf(() =>
      compileSort(
        spec,
        [
          { field: 'age', direction: 'asc' },
          { field: 'nope', direction: 'asc' },
          { field: 'email', direction: 'asc' },
          { field: 'email', direction: 'up' as 'asc' },
          { field: 'custom_fields.size', direction: 'asc' },
        ],
        sortOptions,
      ),
    );
    expect(errors).toEqual([
      {
        pointer: '/sort/0/field',
        message: 'cannot sort by age; sortable fields are: email, last_name, created_at',
      },
      {
        pointer: '/sort/1/field',
        message: expect.stringMatching(/^cannot sort by nope/) as string,
      },
      { pointer: '/sort/3/field', message: 'email is sorted on twice' },
      { pointer: '/sort/3/direction', message: 'direction must be asc or desc' },
      {
        pointer: '/sort/4/field',
        message: expect.stringMatching(/^cannot sort by custom/) as string,
      },
    ]);
  });
});

describe('parseFilterParams', () => {
  const parse = (query: Record<string, unknown>) => parseFilterParams(query, spec);

  it('reads filter[field] keys and a nested filter object, ignoring other parameters', () => {
    expect(
      parse({ 'filter[last_name]': 'Smith', page: '2', filter: { email: 'a@x.com' } }),
    ).toEqual([
      { field: 'last_name', operator: '=', value: 'Smith' },
      { field: 'email', operator: '=', value: 'a@x.com' },
    ]);
    expect(parse({ sort: 'x' })).toEqual([]);
  });

  it('coerces numbers and booleans, and leaves what does not parse for the compiler to refuse', () => {
    expect(parse({ 'filter[age]': '5', 'filter[vip]': 'true' })).toEqual([
      { field: 'age', operator: '=', value: 5 },
      { field: 'vip', operator: '=', value: true },
    ]);
    const clauses = parse({ 'filter[age]': 'five', 'filter[vip]': 'yes' });
    expect(clauses.map((clause) => clause.value)).toEqual(['five', 'yes']);
    expect(errorsOf(() => compileFilters(spec, clauses, filterParamOptions(clauses)))).toEqual([
      { pointer: '/filter[age]', message: 'age must be a number', in: 'query' },
      { pointer: '/filter[vip]', message: 'vip must be true or false', in: 'query' },
    ]);
  });

  it('reads commas in ids, enums, numbers and dates as a list, but not in strings', () => {
    expect(parse({ 'filter[id]': `${UUID},${UUID}` })[0]).toEqual({
      field: 'id',
      operator: 'in',
      value: [UUID, UUID],
    });
    expect(parse({ 'filter[age]': '1, 2' })[0]).toEqual({
      field: 'age',
      operator: 'in',
      value: [1, 2],
    });
    expect(parse({ 'filter[status]': 'attending,waitlisted' })[0].operator).toBe('in');
    expect(parse({ 'filter[group_ids]': `${UUID},${UUID}` })[0].operator).toBe('in');
    expect(parse({ 'filter[last_name]': 'Smith, Jr.' })[0]).toEqual({
      field: 'last_name',
      operator: '=',
      value: 'Smith, Jr.',
    });
  });

  it('reads null as is null and a repeated parameter as in', () => {
    expect(parse({ 'filter[birthday]': 'null' })).toEqual([
      { field: 'birthday', operator: 'is null' },
    ]);
    expect(parse({ 'filter[last_name]': ['A', 'B'] })).toEqual([
      { field: 'last_name', operator: 'in', value: ['A', 'B'] },
    ]);
  });

  it('resolves custom field keys through the spec', () => {
    expect(parse({ 'filter[custom_fields.size]': '12' })).toEqual([
      { field: 'custom_fields.size', operator: '=', value: 12 },
    ]);
  });

  it('refuses unknown fields and filters that are not key/value, pointing into the query', () => {
    expect(errorsOf(() => parse({ 'filter[nope]': 'x', 'filter[age]': { gt: '5' } }))).toEqual([
      { pointer: '/filter[nope]', message: 'unknown filter field nope', in: 'query' },
      { pointer: '/filter[age]', message: 'filter[age] takes a single value', in: 'query' },
    ]);
    expect(errorsOf(() => parse({ filter: 'email' }))).toEqual([
      { pointer: '/filter', message: 'filter takes the form filter[field]=value', in: 'query' },
    ]);
    expect(errorsOf(() => parse({ filter: ['a'] }))[0].pointer).toBe('/filter');
  });
});

describe('parseSortParam', () => {
  it('reads comma-separated fields, - meaning descending', () => {
    expect(parseSortParam(undefined)).toEqual([]);
    expect(parseSortParam('-created_at, last_name')).toEqual([
      { field: 'created_at', direction: 'desc' },
      { field: 'last_name', direction: 'asc' },
    ]);
  });

  it('refuses empty pieces and anything but one string', () => {
    for (const value of ['', 'a,,b', 'a,', '-', ['a', 'b']]) {
      expect(errorsOf(() => parseSortParam(value))).toEqual([
        { pointer: '/sort', message: expect.stringMatching(/^sort takes/) as string, in: 'query' },
      ]);
    }
  });

  it('leaves field names to compileSort, which points at the sort parameter', () => {
    expect(errorsOf(() => compileSort(spec, parseSortParam('-age'), SORT_PARAM_OPTIONS))).toEqual([
      {
        pointer: '/sort',
        message: expect.stringMatching(/^cannot sort by age/) as string,
        in: 'query',
      },
    ]);
  });
});
