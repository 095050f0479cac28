import { PGlite } from '@electric-sql/pglite';
import { defineEntity, MikroORM, p } from '@mikro-orm/pglite';
import { RequestValidationError } from '../validation/request-validation.error';
import { compileFilters, compileSort } from './compile-filters';
import type { FieldType, FilterClause, FilterSpec } from './filter-spec';
import { filterParamOptions, parseFilterParams } from './query-params';
import { toFilterQuery, toOrderBy, toRawCondition } from './to-filter-query';

/**
 * Runs compiled fragments on a real PostgreSQL (PGlite): every operator on every kind of field
 * against rows chosen to trip it (nulls, empty arrays, a non-number in a number key, day edges),
 * and hostile values, keys and field names that must stay inert.
 */

const G1 = '11111111-1111-4111-8111-111111111111';
const G2 = '22222222-2222-4222-8222-222222222222';
const G3 = '33333333-3333-4333-8333-333333333333';
const HOSTILE_KEY = "a'); drop table t; --";
const CUSTOM_FIELDS = new Map<string, FieldType>([
  ['company', 'string'],
  ['size', 'number'],
  ['vegan', 'boolean'],
  ['joined', 'date'],
  ['topics', 'string[]'],
  [HOSTILE_KEY, 'string'],
]);

const spec: FilterSpec = {
  fields: {
    email: { type: 'string', sql: 't.email', caseInsensitive: true },
    last_name: { type: 'string', sql: 't.last_name', sortable: true },
    age: { type: 'number', sql: 't.age', sortable: true },
    score: { type: 'number', sql: 't.score' },
    vip: { type: 'boolean', sql: 't.vip' },
    id: { type: 'uuid', sql: 't.id' },
    created_at: { type: 'datetime', sql: 't.created_at' },
    birthday: { type: 'date', sql: 't.birthday' },
    status: { type: 'enum', sql: 't.status', values: ['attending', 'waitlisted', 'cancelled'] },
    group_ids: { type: 'uuid', sql: 't.group_ids', array: true },
    tags: { type: 'string[]', sql: 't.tags' },
  },
  json: { prefix: 'custom_fields.', sql: 't.fields', resolve: (key) => CUSTOM_FIELDS.get(key) },
};

// name, email, last_name, age, score, vip, created_at, birthday, status, group_ids, tags, fields
// prettier-ignore
const ROWS: unknown[][] = [
  ['ann', 'Ann@Acme.com', 'Abbot', 30, 1.5, true, '2024-01-15T00:00:00Z', '1990-05-01', 'attending', [G1, G2], ['a', 'b'],
    { company: 'Acme', size: 10, vegan: true, joined: '2023-01-01', topics: ['ai', 'web'], [HOSTILE_KEY]: 'k' }],
  ['bob', 'bob@example.com', 'Brown', 45, 2, false, '2024-01-15T23:59:59.999Z', '1980-12-31', 'waitlisted', [G2], ['b'],
    { company: 'Beta_Co', size: 'large', topics: ['web'], joined: '2024-06-30' }],
  ['cat', 'cat@acme.com', 'Clark', null, null, null, '2024-01-16T00:00:00Z', null, 'attending', [], null,
    { company: null, vegan: false, size: 2.5 }],
  ['dan', 'dan%@x.com', 'D_an\\', 18, 0, true, '2024-01-14T23:59:59Z', '2000-02-29', 'cancelled', null, ['c', 'x,"}\\'],
    null],
  ['eve', 'eve@x.com', "x' or 1=1 --", 60, -1, false, null, '1975-07-04', 'waitlisted', [G3], [],
    { company: 'acme' }],
];

const toPositional = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

let db: PGlite;

beforeAll(async () => {
  db = new PGlite();
  await db.exec(`create table t (
    id uuid primary key default gen_random_uuid(), name text not null, email text, last_name text,
    age integer, score numeric, vip boolean, created_at timestamptz, birthday date, status text,
    group_ids uuid[], tags varchar(20)[], fields jsonb)`);
  for (const row of ROWS) {
    await db.query(
      `insert into t (name, email, last_name, age, score, vip, created_at, birthday, status,
        group_ids, tags, fields) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      row.map((value, i) => (i === 11 && value ? JSON.stringify(value) : value)),
    );
  }
});

afterAll(() => db.close());

const options = { pointer: (index: number, member: string) => `/filters/${index}/${member}` };

async function names(...clauses: FilterClause[]): Promise<string[]> {
  const fragments = compileFilters(spec, clauses, options);
  const where = fragments.map((f) => f.sql).join(' and ') || 'true';
  const { rows } = await db.query<{ name: string }>(
    `select name from t where ${toPositional(where)} order by name`,
    fragments.flatMap((f) => f.params),
  );
  return rows.map((row) => row.name);
}
const where = (field: string, operator: string, value?: unknown) =>
  names({ field, operator, value });

describe('compiled filters on PostgreSQL', () => {
  it('compares strings, case-insensitively where the spec says so', async () => {
    expect(await where('email', '=', 'ann@acme.COM')).toEqual(['ann']);
    expect(await where('last_name', '=', 'abbot')).toEqual([]);
    expect(await where('last_name', '!=', 'Abbot')).toEqual(['bob', 'cat', 'dan', 'eve']);
    expect(await where('email', 'in', ['BOB@example.com', 'eve@x.com'])).toEqual(['bob', 'eve']);
    expect(await where('last_name', 'not in', ['Abbot', 'Brown'])).toEqual(['cat', 'dan', 'eve']);
    expect(await where('last_name', '<', 'C')).toEqual(['ann', 'bob']);
  });

  it('matches like with % only, taking _ and \\ literally', async () => {
    expect(await where('email', 'like', '%@ACME.com')).toEqual(['ann', 'cat']);
    expect(await where('last_name', 'like', 'D_an%')).toEqual(['dan']);
    expect(await where('last_name', 'like', '_rown')).toEqual([]);
    expect(await where('last_name', 'like', '%\\')).toEqual(['dan']);
    expect(await where('email', 'like', 'dan%')).toEqual(['dan']);
  });

  it('compares numbers, with != and not in keeping nulls', async () => {
    expect(await where('age', '>', 30)).toEqual(['bob', 'eve']);
    expect(await where('age', '<=', 30)).toEqual(['ann', 'dan']);
    expect(await where('age', '!=', 30)).toEqual(['bob', 'cat', 'dan', 'eve']);
    expect(await where('age', 'in', [18, 60])).toEqual(['dan', 'eve']);
    expect(await where('age', 'not in', [18, 60])).toEqual(['ann', 'bob', 'cat']);
    expect(await where('score', '>=', 1.5)).toEqual(['ann', 'bob']);
    expect(await where('score', '<', 0)).toEqual(['eve']);
    expect(await where('age', 'is null')).toEqual(['cat']);
  });

  it('compares booleans, uuids and enums', async () => {
    expect(await where('vip', '=', true)).toEqual(['ann', 'dan']);
    expect(await where('vip', '!=', true)).toEqual(['bob', 'cat', 'eve']);
    expect(await where('vip', 'is not null')).toEqual(['ann', 'bob', 'dan', 'eve']);
    expect(await where('status', 'in', ['cancelled', 'waitlisted'])).toEqual(['bob', 'dan', 'eve']);
    expect(await where('status', '!=', 'attending')).toEqual(['bob', 'dan', 'eve']);
    const { rows } = await db.query<{ id: string }>(`select id from t where name = 'bob'`);
    expect(await where('id', '=', rows[0].id.toUpperCase())).toEqual(['bob']);
    expect(await where('id', 'not in', [rows[0].id])).toEqual(['ann', 'cat', 'dan', 'eve']);
  });

  it('reads a date against a date-time as the whole UTC day', async () => {
    expect(await where('created_at', '=', '2024-01-15')).toEqual(['ann', 'bob']);
    expect(await where('created_at', '!=', '2024-01-15')).toEqual(['cat', 'dan', 'eve']);
    expect(await where('created_at', '<', '2024-01-15')).toEqual(['dan']);
    expect(await where('created_at', '<=', '2024-01-15')).toEqual(['ann', 'bob', 'dan']);
    expect(await where('created_at', '>', '2024-01-15')).toEqual(['cat']);
    expect(await where('created_at', '>=', '2024-01-15')).toEqual(['ann', 'bob', 'cat']);
    expect(await where('created_at', '>', '2024-01-15T01:00:00+02:00')).toEqual([
      'ann',
      'bob',
      'cat',
      'dan',
    ]);
    expect(await where('created_at', 'in', ['2024-01-16T01:00:00+01:00'])).toEqual(['cat']);
    expect(await where('created_at', 'is null')).toEqual(['eve']);
  });

  it('compares dates', async () => {
    expect(await where('birthday', '=', '2000-02-29')).toEqual(['dan']);
    expect(await where('birthday', '<', '1985-01-01')).toEqual(['bob', 'eve']);
    expect(await where('birthday', 'in', ['1990-05-01', '1975-07-04'])).toEqual(['ann', 'eve']);
  });

  it('reads = as contains, in as overlaps and is null as empty on array columns', async () => {
    expect(await where('group_ids', '=', G2)).toEqual(['ann', 'bob']);
    expect(await where('group_ids', '!=', G2)).toEqual(['cat', 'dan', 'eve']);
    expect(await where('group_ids', 'in', [G1, G3])).toEqual(['ann', 'eve']);
    expect(await where('group_ids', 'not in', [G1, G3])).toEqual(['bob', 'cat', 'dan']);
    expect(await where('group_ids', 'is null')).toEqual(['cat', 'dan']);
    expect(await where('group_ids', 'is not null')).toEqual(['ann', 'bob', 'eve']);
    expect(await where('tags', '=', 'b')).toEqual(['ann', 'bob']);
    expect(await where('tags', 'in', ['a', 'c'])).toEqual(['ann', 'dan']);
    expect(await where('tags', 'is null')).toEqual(['cat', 'eve']);
    expect(await where('tags', '=', 'x,"}\\')).toEqual(['dan']);
    expect(await where('tags', 'in', ['x', '}'])).toEqual([]);
  });

  it('filters JSON keys by containment, type-guarded comparison, like and nullness', async () => {
    const cf = (key: string, operator: string, value?: unknown) =>
      where(`custom_fields.${key}`, operator, value);
    expect(await cf('company', '=', 'Acme')).toEqual(['ann']);
    expect(await cf('company', '!=', 'Acme')).toEqual(['bob', 'cat', 'dan', 'eve']);
    expect(await cf('company', 'in', ['Acme', 'Beta_Co'])).toEqual(['ann', 'bob']);
    expect(await cf('company', 'not in', ['Acme', 'Beta_Co'])).toEqual(['cat', 'dan', 'eve']);
    expect(await cf('company', 'like', 'acme%')).toEqual(['ann', 'eve']);
    expect(await cf('company', 'like', 'beta_%')).toEqual(['bob']);
    expect(await cf('company', 'like', 'bet_%')).toEqual([]);
    expect(await cf('company', 'is null')).toEqual(['cat', 'dan']);
    expect(await cf('company', 'is not null')).toEqual(['ann', 'bob', 'eve']);
    expect(await cf('size', '=', 10)).toEqual(['ann']);
    expect(await cf('size', '<', 100)).toEqual(['ann', 'cat']);
    expect(await cf('size', '>=', 2.5)).toEqual(['ann', 'cat']);
    expect(await cf('size', 'in', [2.5, 3])).toEqual(['cat']);
    expect(await cf('vegan', '=', false)).toEqual(['cat']);
    expect(await cf('vegan', '!=', true)).toEqual(['bob', 'cat', 'dan', 'eve']);
    expect(await cf('joined', '<', '2024-01-01')).toEqual(['ann']);
    expect(await cf('joined', '=', '2024-06-30')).toEqual(['bob']);
    expect(await cf('topics', '=', 'web')).toEqual(['ann', 'bob']);
    expect(await cf('topics', '!=', 'ai')).toEqual(['bob', 'cat', 'dan', 'eve']);
    expect(await cf('topics', 'in', ['ai', 'nope'])).toEqual(['ann']);
    expect(await cf('topics', 'is null')).toEqual(['cat', 'dan', 'eve']);
  });

  it('ANDs clauses', async () => {
    expect(
      await names(
        { field: 'status', operator: '=', value: 'attending' },
        { field: 'email', operator: 'like', value: '%acme%' },
        { field: 'custom_fields.vegan', operator: 'is not null' },
      ),
    ).toEqual(['ann', 'cat']);
  });
});

describe('hostile input', () => {
  const rowCount = async () =>
    (await db.query<{ n: number }>('select count(*)::int as n from t')).rows[0].n;

  it('matches SQL in a value literally, and only where it is the stored text', async () => {
    expect(await where('last_name', '=', "x' or 1=1 --")).toEqual(['eve']);
    expect(await where('last_name', '!=', "x' or 1=1 --")).toEqual(['ann', 'bob', 'cat', 'dan']);
    expect(await where('email', 'like', "%' or 1=1 --")).toEqual([]);
    expect(await where('custom_fields.company', '=', "Acme' or 1=1 --")).toEqual([]);
    expect(await where('custom_fields.company', 'like', "'); drop table t; --")).toEqual([]);
    expect(await rowCount()).toBe(ROWS.length);
  });

  it('binds a hostile JSON key as a parameter', async () => {
    const key = `custom_fields.${HOSTILE_KEY}`;
    expect(await where(key, '=', 'k')).toEqual(['ann']);
    expect(await where(key, 'is not null')).toEqual(['ann']);
    expect(await where(key, 'like', 'k%')).toEqual(['ann']);
    expect(await rowCount()).toBe(ROWS.length);
  });

  it('refuses a field name carrying SQL before any SQL is built', async () => {
    await expect(where('email; drop table t', '=', 'x')).rejects.toBeInstanceOf(
      RequestValidationError,
    );
    expect(() => parseFilterParams({ 'filter[email; drop table]': 'x' }, spec)).toThrow(
      RequestValidationError,
    );
    expect(await rowCount()).toBe(ROWS.length);
  });

  it('runs what the query-string parser reads', async () => {
    const clauses = parseFilterParams(
      { 'filter[status]': 'waitlisted,cancelled', 'filter[custom_fields.size]': '10' },
      spec,
    );
    expect(compileFilters(spec, clauses, filterParamOptions(clauses))).toHaveLength(2);
    expect(await names(...clauses)).toEqual([]);
    expect(await names(...parseFilterParams({ 'filter[age]': '18,45' }, spec))).toEqual([
      'bob',
      'dan',
    ]);
  });
});

/** The same fragments through MikroORM 7, which escapes and inlines `?` values itself. */
describe('through MikroORM', () => {
  const PersonSchema = defineEntity({
    name: 'Person',
    tableName: 'person',
    properties: {
      id: p.integer().primary(),
      lastName: p.string(),
      age: p.integer().nullable(),
      fields: p.json<Record<string, unknown>>().nullable(),
      createdAt: p.datetime(),
      tags: p.array().nullable(),
    },
  });
  class Person extends PersonSchema.class {}
  PersonSchema.setClass(Person);
  // Written against the alias `x`; toFilterQuery maps it to whatever alias MikroORM picks.
  const personSpec: FilterSpec = {
    fields: {
      last_name: { type: 'string', sql: 'x.last_name', sortable: true, caseInsensitive: true },
      age: { type: 'number', sql: 'x.age', sortable: true },
      created_at: { type: 'datetime', sql: 'x.created_at' },
      tags: { type: 'string[]', sql: 'x.tags' },
    },
    json: { prefix: 'custom_fields.', sql: 'x.fields', resolve: (key) => CUSTOM_FIELDS.get(key) },
  };
  let orm: MikroORM;

  beforeAll(async () => {
    orm = await MikroORM.init({
      entities: [PersonSchema],
      dbName: 'memory://',
      forceUtcTimezone: true,
    });
    await orm.schema.create();
    const em = orm.em.fork();
    const people: Array<[string, number | null, object | null, string, string[] | null]> = [
      ["O'Brien \\ ?", 40, { company: 'Acme', size: 3 }, '2024-03-01T10:00:00Z', ['a"b', 'c']],
      [
        'Smith',
        20,
        { company: 'x?y', size: 'n/a', [HOSTILE_KEY]: "'" },
        '2024-03-02T10:00:00Z',
        ['x'],
      ],
      ['smythe', null, null, '2024-03-02T23:00:00Z', null],
    ];
    people.forEach(([lastName, age, fields, createdAt, tags], i) =>
      em.create(PersonSchema, {
        id: i + 1,
        lastName,
        age,
        fields: fields as Record<string, unknown> | null,
        createdAt: new Date(createdAt),
        tags,
      }),
    );
    await em.flush();
  });

  afterAll(() => orm.close());

  const find = async (clauses: FilterClause[], sort: string[] = ['last_name']) => {
    const fragments = compileFilters(personSpec, clauses, options);
    const orderBy = compileSort(
      personSpec,
      sort.map((field) => ({ field, direction: 'asc' as const })),
      { pointer: () => '/sort' },
    );
    const em = orm.em.fork();
    const [people, count] = await em.findAndCount(PersonSchema, toFilterQuery(fragments, 'x'), {
      orderBy: toOrderBy(orderBy, 'x'),
    });
    expect(count).toBe(people.length);
    return people.map((person) => person.lastName);
  };

  it('filters and sorts with em.find, values containing quotes, backslashes and ?', async () => {
    expect(await find([{ field: 'last_name', operator: '=', value: "o'brien \\ ?" }])).toEqual([
      "O'Brien \\ ?",
    ]);
    expect(await find([{ field: 'last_name', operator: 'like', value: 's%' }])).toEqual([
      'Smith',
      'smythe',
    ]);
    expect(await find([{ field: 'age', operator: '!=', value: 40 }], ['age'])).toEqual([
      'Smith',
      'smythe',
    ]);
    expect(
      await find([
        { field: 'custom_fields.company', operator: 'in', value: ['x?y', 'Acme'] },
        { field: 'custom_fields.size', operator: '>', value: 1 },
      ]),
    ).toEqual(["O'Brien \\ ?"]);
    expect(await find([{ field: 'created_at', operator: '=', value: '2024-03-02' }])).toEqual([
      'Smith',
      'smythe',
    ]);
    expect(
      await find([{ field: `custom_fields.${HOSTILE_KEY}`, operator: '=', value: "'" }]),
    ).toEqual(['Smith']);
    expect(await find([{ field: 'tags', operator: 'in', value: ['a"b', 'zz'] }])).toEqual([
      "O'Brien \\ ?",
    ]);
    expect(await find([{ field: 'tags', operator: '!=', value: 'x' }])).toEqual([
      "O'Brien \\ ?",
      'smythe',
    ]);
    expect(await find([])).toHaveLength(3);
  });

  it('applies to a QueryBuilder that uses the spec alias', async () => {
    const fragments = compileFilters(
      personSpec,
      [{ field: 'age', operator: 'is not null' }],
      options,
    );
    const qb = orm.em
      .fork()
      .createQueryBuilder(PersonSchema, 'x')
      .select('*')
      .where(toRawCondition(fragments))
      .orderBy(toOrderBy<Person>([{ sql: 'x.age', direction: 'desc' }]));
    expect((await qb.getResultList()).map((person) => person.lastName)).toEqual([
      "O'Brien \\ ?",
      'Smith',
    ]);
  });
});
