import { startTestApp, type TestApp } from '../support/test-app';
import { expectProblem, expectStatus } from './project-fixture';
import { createSearchProject, EVERYONE, firstNames } from './search-fixture';

type Case = [operator: string, value: unknown, expected: string[] | 400];
/** The comparisons and `like`, refused (400) on fields that have no order. */
const unordered = (value: unknown): Case[] =>
  ['<', '>', '<=', '>=', 'like'].map((operator) => [operator, value, 400]);

/**
 * Every operator on every kind of field: each table lists the exact attendees of the search
 * project a filter matches, or 400 (pointing at the operator) when it does not apply to the field.
 */
describe('seed 003: POST .../attendees/search, operator by operator', () => {
  let t: TestApp;
  let project: Awaited<ReturnType<typeof createSearchProject>>;
  beforeAll(async () => {
    t = await startTestApp();
    project = await createSearchProject(t);
  });
  afterAll(() => t.close());

  const operatorTable = (field: string, cases: Case[]) =>
    it.each(cases)(`${field} %s %j matches %j`, async (operator, value, expected) => {
      const filter = {
        field,
        operator,
        ...(value === undefined ? {} : { value: project.resolve(value) }),
      };
      const res = await project.search({ filters: [filter] });
      if (expected === 400) {
        expectProblem(res, 400, 'validation', ['/filters/0/operator']);
      } else {
        expect(firstNames(expectStatus(res, 200))).toEqual(expected);
      }
    });

  describe('on a string field (email, compared case-insensitively)', () => {
    operatorTable('email', [
      ['=', 'ANN@acme.com', ['Ann']],
      ['!=', 'ann@acme.com', ['Bob', 'Cat', 'Dan']],
      ['<', 'b', ['Ann']],
      ['>', 'bob@initech.com', ['Cat']],
      ['<=', 'bob@initech.com', ['Ann', 'Bob']],
      ['>=', 'bob@initech.com', ['Bob', 'Cat']],
      ['like', '%@ACME.com', ['Ann', 'Cat']],
      ['in', ['ann@acme.com', 'BOB@initech.com'], ['Ann', 'Bob']],
      ['not in', ['ann@acme.com'], ['Bob', 'Cat', 'Dan']],
      ['is null', undefined, ['Dan']],
      ['is not null', undefined, ['Ann', 'Bob', 'Cat']],
    ]);
  });

  describe('on a date-time field (created_at)', () => {
    operatorTable('created_at', [
      ['=', '2024-01-11T12:00:00Z', ['Bob']],
      ['=', '2024-01-11', ['Bob']],
      ['!=', '2024-01-11T12:00:00Z', ['Ann', 'Cat', 'Dan']],
      ['<', '2024-01-11T12:00:00Z', ['Ann']],
      ['>', '2024-01-11T12:00:00Z', ['Cat', 'Dan']],
      ['<=', '2024-01-11T12:00:00Z', ['Ann', 'Bob']],
      ['>=', '2024-01-11T12:00:00Z', ['Bob', 'Cat', 'Dan']],
      ['<', '2024-01-11', ['Ann']],
      ['<=', '2024-01-11', ['Ann', 'Bob']],
      ['>', '2024-01-11', ['Cat', 'Dan']],
      ['>=', '2024-01-11', ['Bob', 'Cat', 'Dan']],
      ['like', '2024%', 400],
      ['in', ['2024-01-10T12:00:00Z', '2024-01-12T12:00:00+00:00'], ['Ann', 'Cat']],
      ['not in', ['2024-01-10T12:00:00Z'], ['Bob', 'Cat', 'Dan']],
      ['is null', undefined, []],
      ['is not null', undefined, EVERYONE],
    ]);
  });

  describe('on a nullable date-time field (checked_in_at)', () => {
    operatorTable('checked_in_at', [
      ['=', '2024-02-01', ['Ann']],
      ['!=', '2024-02-01T09:00:00Z', ['Bob', 'Cat', 'Dan']],
      ['!=', '2024-02-01', ['Bob', 'Cat', 'Dan']],
      ['<', '2024-03-01', ['Ann']],
      ['not in', ['2024-02-01T09:00:00Z'], ['Bob', 'Cat', 'Dan']],
      ['is null', undefined, ['Bob', 'Cat', 'Dan']],
      ['is not null', undefined, ['Ann']],
    ]);
  });

  describe('on a uuid field (attendee_type_id)', () => {
    operatorTable('attendee_type_id', [
      ['=', 'T1', ['Ann']],
      ['!=', 'T1', ['Bob', 'Cat', 'Dan']],
      ...unordered('T1'),
      ['in', ['T1', 'T2'], ['Ann', 'Bob']],
      ['not in', ['T2'], ['Ann', 'Cat', 'Dan']],
      ['is null', undefined, ['Cat', 'Dan']],
      ['is not null', undefined, ['Ann', 'Bob']],
    ]);

    it('compares ids case-insensitively', async () => {
      const value = project.ref.T1.toUpperCase();
      const filters = [{ field: 'attendee_type_id', operator: '=', value }];
      expect(firstNames(expectStatus(await project.search({ filters }), 200))).toEqual(['Ann']);
    });
  });

  describe('on an enum (status)', () => {
    operatorTable('status', [
      ['=', 'CONFIRMED', ['Ann', 'Bob', 'Cat']],
      ['!=', 'CONFIRMED', ['Dan']],
      ...unordered('CONFIRMED'),
      ['in', ['WAITING_LIST', 'PENDING'], ['Dan']],
      ['not in', ['WAITING_LIST'], ['Ann', 'Bob', 'Cat']],
      ['is null', undefined, []],
      ['is not null', undefined, EVERYONE],
    ]);
  });

  describe('on the group_id array (= contains, in overlaps, is null empty)', () => {
    operatorTable('group_id', [
      ['=', 'G1', ['Ann', 'Bob']],
      ['=', 'G2', ['Bob']],
      ['!=', 'G1', ['Cat', 'Dan']],
      ...unordered('G1'),
      ['in', ['G2', 'G3'], ['Bob']],
      ['in', ['G1', 'G2'], ['Ann', 'Bob']],
      ['not in', ['G2', 'G3'], ['Ann', 'Cat', 'Dan']],
      ['is null', undefined, ['Cat', 'Dan']],
      ['is not null', undefined, ['Ann', 'Bob']],
    ]);
  });

  describe('on a text custom field (a missing answer is null)', () => {
    operatorTable('custom_fields.company', [
      ['=', 'Acme', ['Ann']],
      ['!=', 'Acme', ['Bob', 'Cat', 'Dan']],
      ['<', 'B', ['Ann', 'Cat']],
      ['>', 'Acme', ['Bob', 'Cat']],
      ['<=', 'Acme', ['Ann']],
      ['>=', 'Acme Labs', ['Bob', 'Cat']],
      ['like', 'Acme%', ['Ann', 'Cat']],
      ['in', ['Acme', 'Initech'], ['Ann', 'Bob']],
      ['not in', ['Acme'], ['Bob', 'Cat', 'Dan']],
      ['is null', undefined, ['Dan']],
      ['is not null', undefined, ['Ann', 'Bob', 'Cat']],
    ]);
  });

  describe('on a number custom field', () => {
    operatorTable('custom_fields.age', [
      ['=', 30, ['Ann']],
      ['!=', 30, ['Bob', 'Cat', 'Dan']],
      ['<', 30, ['Cat']],
      ['>', 30, ['Bob']],
      ['<=', 30, ['Ann', 'Cat']],
      ['>=', 30, ['Ann', 'Bob']],
      ['like', '3%', 400],
      ['in', [25, 41], ['Bob', 'Cat']],
      ['not in', [25], ['Ann', 'Bob', 'Dan']],
      ['is null', undefined, ['Dan']],
      ['is not null', undefined, ['Ann', 'Bob', 'Cat']],
    ]);
  });

  describe('on a boolean custom field', () => {
    operatorTable('custom_fields.vip', [
      ['=', true, ['Ann']],
      ['=', false, ['Bob']],
      ['!=', true, ['Bob', 'Cat', 'Dan']],
      ...unordered(true),
      ['in', [true], 400],
      ['not in', [true], 400],
      ['is null', undefined, ['Cat', 'Dan']],
      ['is not null', undefined, ['Ann', 'Bob']],
    ]);
  });

  describe('on a date custom field', () => {
    operatorTable('custom_fields.joined', [
      ['=', '2023-01-15', ['Ann']],
      ['!=', '2023-01-15', ['Bob', 'Cat', 'Dan']],
      ['<', '2023-01-15', ['Cat']],
      ['>', '2023-01-15', ['Bob']],
      ['<=', '2023-01-15', ['Ann', 'Cat']],
      ['>=', '2023-01-15', ['Ann', 'Bob']],
      ['like', '2023%', 400],
      ['in', ['2023-06-01', '2022-12-31'], ['Bob', 'Cat']],
      ['not in', ['2023-06-01'], ['Ann', 'Cat', 'Dan']],
      ['is null', undefined, ['Dan']],
      ['is not null', undefined, ['Ann', 'Bob', 'Cat']],
    ]);
  });

  describe('on a select custom field', () => {
    operatorTable('custom_fields.size', [
      ['=', 'M', ['Ann']],
      ['!=', 'M', ['Bob', 'Cat', 'Dan']],
      ['<', 'M', ['Bob']],
      ['>', 'M', ['Cat']],
      ['<=', 'M', ['Ann', 'Bob']],
      ['>=', 'M', ['Ann', 'Cat']],
      ['like', 'M%', ['Ann']],
      ['in', ['S', 'L'], ['Bob', 'Cat']],
      ['not in', ['S'], ['Ann', 'Bob', 'Dan']],
      ['is null', undefined, ['Dan']],
      ['is not null', undefined, ['Ann', 'Bob', 'Cat']],
    ]);
  });

  describe('on a multiselect custom field (= contains, in overlaps)', () => {
    operatorTable('custom_fields.topics', [
      ['=', 'web', ['Ann']],
      ['!=', 'web', ['Bob', 'Cat', 'Dan']],
      ...unordered('web'),
      ['in', ['web', 'db'], ['Ann', 'Bob']],
      ['not in', ['ai'], ['Bob', 'Cat', 'Dan']],
      ['is null', undefined, ['Cat', 'Dan']],
      ['is not null', undefined, ['Ann', 'Bob']],
    ]);
  });
});
