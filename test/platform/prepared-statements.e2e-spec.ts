import {
  type DriverException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { sqlRows, Statement } from '@turnout/common/database/sql';
import { startTestApp, type TestApp } from '../support/test-app';

const ECHO = new Statement('test-echo', 'select ?::text as text, ?::int + 1 as next');

/** Hot-path statements: prepared once per connection on PostgreSQL, plain raw SQL on PGlite. */
describe('sqlRows with a Statement', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers what the same raw SQL answers, quotes and all', async () => {
    const values = ["it's \\ fine", 41];
    const raw = await sqlRows(t.orm.em.fork(), ECHO.text, values);
    expect(raw).toEqual([{ text: "it's \\ fine", next: 42 }]);
    expect(await sqlRows(t.orm.em.fork(), ECHO, values)).toEqual(raw);
  });

  it('runs inside the transaction of the EntityManager it is given', async () => {
    const seen = await t.orm.em.fork().transactional(async (tx) => {
      await sqlRows(tx, 'create temporary table statement_probe (n int) on commit drop');
      await sqlRows(tx, 'insert into statement_probe values (1)');
      const probe = new Statement('test-probe', 'select count(*)::int as n from statement_probe');
      return sqlRows<{ n: number }>(tx, probe);
    });
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('fails with the ORM exceptions a flush throws, raw SQL and Statement alike', async () => {
    const insert = new Statement(
      'test-insert-probe',
      'insert into statement_probe values (?::int)',
    );
    const failures = await t.orm.em.fork().transactional(async (tx) => {
      await sqlRows(
        tx,
        'create temporary table statement_probe (n int not null unique) on commit drop',
      );
      await sqlRows(tx, 'insert into statement_probe values (1)');
      const caught: unknown[] = [];
      for (const attempt of [
        () => sqlRows(tx, 'insert into statement_probe values (?)', [1]),
        () => sqlRows(tx, insert, [1]),
        () => sqlRows(tx, insert, [null]),
      ]) {
        // Each in a savepoint of its own: a failed statement aborts the transaction around it.
        caught.push(await tx.transactional(attempt).catch((error: unknown) => error));
      }
      return caught;
    });
    expect(failures[0]).toBeInstanceOf(UniqueConstraintViolationException);
    expect(failures[1]).toBeInstanceOf(UniqueConstraintViolationException);
    expect(failures[2]).toBeInstanceOf(NotNullConstraintViolationException);
    expect((failures[0] as DriverException).message).toMatch(/statement_probe/);
  });

  it('refuses a name already taken by another text (pg would refuse it on a connection)', () => {
    expect(() => new Statement('test-echo', 'select 1')).toThrow(/already taken/);
    expect(new Statement('test-echo', ECHO.text).numbered).toBe(ECHO.numbered);
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'is prepared on the connection that ran it, with its values bound (PostgreSQL)',
    async () => {
      const prepared = await t.orm.em.fork().transactional(async (tx) => {
        await sqlRows(tx, ECHO, ['once', 1]);
        await sqlRows(tx, ECHO, ['twice', 2]);
        return sqlRows<{ name: string; statement: string }>(
          tx,
          'select name, statement from pg_prepared_statements where name = ?',
          [ECHO.name],
        );
      });
      expect(prepared).toEqual([
        { name: 'test-echo', statement: 'select $1::text as text, $2::int + 1 as next' },
      ]);
    },
  );
});
