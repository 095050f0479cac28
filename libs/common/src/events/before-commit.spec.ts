import { defineEntity, MikroORM, p } from '@mikro-orm/pglite';
import { BeforeCommit, type BeforeCommitBatch } from './before-commit';

/**
 * Real transactions on PGlite: what each writer was handed, when, and what the database holds
 * afterwards. The writer inserts its items with raw SQL in the committing transaction, as the
 * webhook outbox does.
 */
const Note = defineEntity({
  name: 'Note',
  tableName: 'notes',
  properties: { id: p.integer().primary(), text: p.string() },
});

class Rollback extends Error {}

describe('BeforeCommit', () => {
  let orm: MikroORM;
  let beforeCommit: BeforeCommit;
  /** Each call of the writer: the items it was handed. */
  let calls: string[][];
  let failWith: Error | null;
  let nextId = 1;

  const notes: BeforeCommitBatch<string> = {
    write: async (items, em) => {
      calls.push([...items]);
      if (failWith) throw failWith;
      for (const text of items) {
        await em
          .getConnection()
          .execute(
            'insert into notes (id, text) values (?, ?)',
            [nextId++, text],
            'run',
            em.getTransactionContext(),
          );
      }
    },
  };

  const stored = async () =>
    (
      await orm.em
        .fork()
        .getConnection()
        .execute<{ text: string }[]>('select text from notes order by id')
    ).map((row) => row.text);

  beforeAll(async () => {
    orm = await MikroORM.init({ dbName: 'memory://', entities: [Note], allowGlobalContext: false });
    await orm.schema.create();
    beforeCommit = BeforeCommit.attach(orm.em);
  });
  afterAll(() => orm.close());
  beforeEach(async () => {
    calls = [];
    failWith = null;
    await orm.em.fork().getConnection().execute('delete from notes');
  });

  it('is one instance per EntityManager', () => {
    expect(BeforeCommit.attach(orm.em)).toBe(beforeCommit);
  });

  it('collects nothing outside a transaction: the caller writes', () => {
    expect(beforeCommit.collect(orm.em.fork(), notes, ['loose'])).toBe(false);
    expect(calls).toEqual([]);
  });

  it('hands a transaction’s items to the writer once, in order, and they commit with it', async () => {
    await orm.em.fork().transactional((tx) => {
      expect(beforeCommit.collect(tx, notes, ['first'])).toBe(true);
      expect(beforeCommit.collect(tx, notes, ['second', 'third'])).toBe(true);
      // Nothing is written until the transaction commits.
      expect(calls).toEqual([]);
    });
    expect(calls).toEqual([['first', 'second', 'third']]);
    expect(await stored()).toEqual(['first', 'second', 'third']);
  });

  it('drops the items of a transaction that rolls back', async () => {
    await expect(
      orm.em.fork().transactional((tx) => {
        beforeCommit.collect(tx, notes, ['rolled back']);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(calls).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it('rolls the whole transaction back when the writer fails', async () => {
    failWith = new Error('outbox unavailable');
    await expect(
      orm.em.fork().transactional(async (tx) => {
        tx.create(Note, { id: 1000, text: 'the change itself' });
        await tx.flush();
        beforeCommit.collect(tx, notes, ['its message']);
      }),
    ).rejects.toThrow('outbox unavailable');
    expect(await stored()).toEqual([]);
  });

  it('writes a released savepoint’s items and drops those of one rolled back to', async () => {
    await orm.em.fork().transactional(async (tx) => {
      beforeCommit.collect(tx, notes, ['outer']);
      await tx.transactional((inner) => {
        beforeCommit.collect(inner, notes, ['kept savepoint']);
      });
      await expect(
        tx.transactional((inner) => {
          beforeCommit.collect(inner, notes, ['abandoned savepoint']);
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
    });
    expect(calls).toEqual([['kept savepoint'], ['outer']]);
    expect(await stored()).toEqual(['kept savepoint', 'outer']);
  });

  it('keeps separate transactions’ items apart', async () => {
    await orm.em.fork().transactional((tx) => {
      beforeCommit.collect(tx, notes, ['one']);
    });
    await orm.em.fork().transactional((tx) => {
      beforeCommit.collect(tx, notes, ['two']);
    });
    expect(calls).toEqual([['one'], ['two']]);
  });
});
