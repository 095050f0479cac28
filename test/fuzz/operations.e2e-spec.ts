import { snapshotter } from './database-snapshot';
import { FUZZ_BUDGET_MS, FUZZ_MIN_RUNS, FUZZ_ONLY } from './fuzz-settings';
import { buildWorld, FUZZ_ENV } from './fuzz-world';
import { fuzzOperation, type OperationRun, type RunEnvironment } from './fuzz-runner';
import {
  fetchShippedDocument,
  type OpenApiDocument,
  operationsOf,
  resolve,
} from './openapi-operations';
import { startTestApp, type TestApp } from '../support/test-app';
import { ADMIN_URL_VARIABLE, createDatabase, dropDatabase } from '../support/test-database';

/**
 * Every operation of the OpenAPI document the built server serves gets generated bad input: wrong types, missing and
 * unknown fields, huge and hostile strings, malformed ids and dates, invalid JSON, wrong media
 * types, odd query shapes, hostile sort/filter/include/fields values, bad path segments and bad
 * credentials. Every answer must be a 4xx problem (a clean 2xx where the input may be valid),
 * never a 5xx or a trace of internals, and a refused write must leave the database as it was.
 */
describe('bad input over every operation in /docs-json', () => {
  let t: TestApp;
  let environment: RunEnvironment;
  let document: OpenApiDocument;
  // On PostgreSQL a database of its own: a refused write is checked by digesting every table, so
  // the run's shared database, filled by the suites before this one, would make each check slow.
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  let ownDatabase: string | undefined;

  beforeAll(async () => {
    // The built server serving the document boots in its own process, beside the app under test
    // (awaited after it, so a failure of either still lets the other finish before teardown).
    const shipped = fetchShippedDocument();
    shipped.catch(() => undefined);
    if (adminUrl) ownDatabase = await createDatabase(adminUrl, 'turnout_fuzz');
    t = await startTestApp({
      env: { ...FUZZ_ENV, ...(ownDatabase ? { DATABASE_URL: ownDatabase } : {}) },
    });
    document = await shipped;
    await t.app.listen(0, '127.0.0.1');
    const world = await buildWorld(t);
    environment = {
      origin: await t.app.getUrl(),
      world,
      resolve: (schema) => resolve(document, schema),
      bodyLimit: t.config.http.bodyLimit,
      snapshot: await snapshotter(t),
    };
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    if (adminUrl && ownDatabase) await dropDatabase(adminUrl, ownDatabase);
  });

  it('derives its input from a document that describes every request body property by property', () => {
    const bodies = operationsOf(document).filter((op) => op.body);
    expect(bodies.length).toBeGreaterThan(0);
    const undescribed = bodies.filter(
      (op) => !op.body?.properties && !op.body?.additionalProperties,
    );
    expect(undescribed.map((op) => op.id)).toEqual([]);
  });

  it(
    'answers every generated request with a 4xx problem or a clean 2xx, never a 5xx, and writes nothing it refuses',
    async () => {
      const operations = operationsOf(document).filter((op) => op.id.includes(FUZZ_ONLY));
      expect(operations.length).toBeGreaterThan(0);
      const runs: OperationRun[] = [];
      const deadline = Date.now() + FUZZ_BUDGET_MS;
      for (const [index, operation] of operations.entries()) {
        // An even share of what is left, so time an operation did not need goes to the next ones.
        const share = Math.max(0, deadline - Date.now()) / (operations.length - index);
        runs.push(await fuzzOperation(environment, operation, share));
      }

      const failures = runs.flatMap((run) => (run.failure ? [run.failure] : []));
      if (failures.length > 0)
        throw new Error(`${failures.length} operation(s) failed:\n\n${failures.join('\n\n')}`);
      const undertested = runs.filter((run) => run.runs < FUZZ_MIN_RUNS);
      expect(undertested.map((run) => `${run.operation.id}: ${run.runs}`)).toEqual([]);
    },
    FUZZ_BUDGET_MS + 120_000,
  );
});
