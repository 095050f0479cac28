import { defineEntity, type EntityManager, MikroORM, p } from '@mikro-orm/pglite';
import { AfterCommit } from './after-commit';

/**
 * Real transactions on PGlite: what each piece of deferred work saw and whether it ran at all.
 * Each piece of work reads the row it announces through a fresh context, so it also proves the
 * work ran after the data was committed and outside the committing transaction.
 */
const Note = defineEntity({
  name: 'Note',
  tableName: 'notes',
  properties: { id: p.integer().primary(), text: p.string() },
});

class Rollback extends Error {}

describe('AfterCommit', () => {
  let orm: MikroORM;
  let afterCommit: AfterCommit;
  const errors: unknown[] = [];
  let started: string[];
  let ran: string[];
  let nextId = 1;

  beforeAll(async () => {
    orm = await MikroORM.init({ dbName: 'memory://', entities: [Note], allowGlobalContext: false });
    await orm.schema.create();
    afterCommit = AfterCommit.attach(orm.em, { onError: (error) => errors.push(error) });
  });
  afterAll(() => orm.close());
  beforeEach(() => {
    started = [];
    ran = [];
    errors.length = 0;
  });

  /** Writes a note in `em` and defers work that records what a fresh context then reads of it. */
  async function write(em: EntityManager, text: string): Promise<void> {
    const id = nextId++;
    em.create(Note, { id, text });
    await em.flush();
    afterCommit.run(em, async () => {
      // Recorded before any query: PGlite's one connection would hold a query until the commit.
      started.push(text);
      // `orm.em` resolves to the work's own context: the global one is not allowed here.
      const note = await orm.em.findOne(Note, id);
      ran.push(note ? note.text : `${text} (not visible)`);
    });
  }

  const settled = () => afterCommit.drain();

  it('runs work deferred outside any transaction at once', async () => {
    const em = orm.em.fork();
    await write(em, 'no transaction');
    await settled();
    expect(ran).toEqual(['no transaction']);
  });

  it('runs work after the commit, not before, and in the order it was deferred', async () => {
    await orm.em.fork().transactional(async (tx) => {
      await write(tx, 'first');
      await write(tx, 'second');
      // Give deferred work every chance to run early.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(started).toEqual([]);
    });
    await settled();
    expect(ran).toEqual(['first', 'second']);
  });

  it('drops work when the transaction rolls back', async () => {
    await expect(
      orm.em.fork().transactional(async (tx) => {
        await write(tx, 'rolled back');
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    await settled();
    expect(ran).toEqual([]);
  });

  it('drops the work of a savepoint rolled back to, and runs the rest when the outer commits', async () => {
    await orm.em.fork().transactional(async (outer) => {
      await write(outer, 'outer before');
      await expect(
        outer.transactional(async (inner) => {
          await write(inner, 'inner rolled back');
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
      await write(outer, 'outer after');
    });
    await settled();
    expect(ran).toEqual(['outer before', 'outer after']);
  });

  it('runs a released savepoint’s work only when the outermost transaction commits', async () => {
    await orm.em.fork().transactional(async (outer) => {
      await outer.transactional(async (middle) => {
        await middle.transactional((inner) => write(inner, 'innermost'));
        await write(middle, 'middle');
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(started).toEqual([]);
    });
    await settled();
    expect(ran).toEqual(['innermost', 'middle']);
  });

  it('drops a released savepoint’s work when the outer transaction rolls back', async () => {
    await expect(
      orm.em.fork().transactional(async (outer) => {
        await outer.transactional((inner) => write(inner, 'released, then rolled back'));
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    await settled();
    expect(ran).toEqual([]);
  });

  it('follows transactions opened through the context, as services nest them', async () => {
    // Services call `this.em.transactional` on the global EntityManager inside another one's callback.
    await orm.em.fork().transactional(async () => {
      await orm.em.transactional((tx) => write(tx, 'nested through the context'));
      await expect(
        orm.em.transactional(async (tx) => {
          await write(tx, 'nested and rolled back');
          throw new Rollback();
        }),
      ).rejects.toBeInstanceOf(Rollback);
    });
    await settled();
    expect(ran).toEqual(['nested through the context']);
  });

  it('runs the work of successive transactions one at a time, in commit order', async () => {
    const order: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    await orm.em.fork().transactional((tx) => {
      afterCommit.run(tx, async () => {
        order.push('first starts');
        await slow;
        order.push('first ends');
      });
      return Promise.resolve();
    });
    await orm.em.fork().transactional((tx) => {
      afterCommit.run(tx, () => void order.push('second'));
      return Promise.resolve();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['first starts']);
    release();
    await settled();
    expect(order).toEqual(['first starts', 'first ends', 'second']);
  });

  it('hands a batch the items collected in one transaction at once', async () => {
    const flushed: string[][] = [];
    const batch = { flush: (items: string[]) => void flushed.push(items) };
    await orm.em.fork().transactional(async (tx) => {
      afterCommit.collect(tx, batch, 'a');
      afterCommit.collect(tx, batch, 'b');
      await expect(
        tx.transactional((inner) => {
          afterCommit.collect(inner, batch, 'dropped');
          return Promise.reject(new Rollback());
        }),
      ).rejects.toBeInstanceOf(Rollback);
      afterCommit.collect(tx, batch, 'c');
    });
    await settled();
    expect(flushed).toEqual([['a', 'b', 'c']]);
  });

  it('neither fails nor delays the commit when work fails, and reports the failure', async () => {
    const result = await orm.em.fork().transactional(async (tx) => {
      afterCommit.run(tx, () => {
        throw new Error('broken listener');
      });
      await write(tx, 'after the broken one');
      return 'committed';
    });
    expect(result).toBe('committed');
    await settled();
    expect(ran).toEqual(['after the broken one']);
    expect(errors).toEqual([new Error('broken listener')]);
  });

  it('is attached once per ORM, and refuses a fork it cannot follow', async () => {
    expect(AfterCommit.attach(orm.em)).toBe(afterCommit);
    const other = await MikroORM.init({ dbName: 'memory://', entities: [Note] });
    try {
      const stranger = AfterCommit.attach(other.em);
      await orm.em.fork().transactional((tx) => {
        expect(() => stranger.run(tx, () => undefined)).toThrow(/not subscribed/);
        return Promise.resolve();
      });
    } finally {
      await other.close();
    }
  });
});
