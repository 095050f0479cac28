import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import {
  type EntityManager,
  type EventSubscriber,
  RequestContext,
  type TransactionEventArgs,
} from '@mikro-orm/core';

/** Work to run once a transaction has committed. */
export type AfterCommitWork = () => unknown;

/** Items collected in one transaction and handed over together once it commits. */
export interface AfterCommitBatch<T> {
  flush(items: T[]): unknown;
}

interface Entry {
  batch?: AfterCommitBatch<unknown>;
  items: unknown[];
  work?: AfterCommitWork;
}

export interface AfterCommitOptions {
  /** Told about work that failed; the transaction has committed by then, nothing else is told. */
  onError?: (error: unknown) => void;
}

/**
 * Defers work until the transaction of an EntityManager commits, and drops it if it rolls back:
 * for side effects nobody may see before the data is there (a WebSocket announcement).
 *
 * A MikroORM subscriber follows every transaction by its transaction object (what
 * `em.getTransactionContext()` answers). A savepoint's work moves to its enclosing transaction
 * when the savepoint is released, and is dropped when it is rolled back to; only the outermost
 * commit runs it. Outside any transaction, work runs at once.
 *
 * Work never runs inside the committing call: it starts after the commit, in the async context
 * the instance was created in (create it at start-up, outside any request or transaction), each
 * item in its own MikroORM request context. Items run one at a time, in the order their
 * transactions committed, so what they announce keeps that order; keep them short. Work neither
 * delays nor fails the transaction that caused it; `drain()` waits for it.
 */
export class AfterCommit implements EventSubscriber {
  private readonly logger = new Logger('AfterCommit');
  /** Work waiting on each open transaction or savepoint, by its transaction object. */
  private readonly pending = new WeakMap<object, Entry[]>();
  /** Each open savepoint's enclosing transaction (or savepoint). */
  private readonly parents = new WeakMap<object, object>();
  /** A savepoint being opened, by the fork opening it: the transaction it nests in. */
  private readonly opening = new WeakMap<object, object>();
  /** The end of the line of committed work: each transaction's work starts after the last one's. */
  private tail: Promise<void> = Promise.resolve();
  // The context of start-up: no transaction, no request, nothing of whoever committed.
  private readonly outside = AsyncLocalStorage.snapshot();

  private constructor(
    private readonly root: EntityManager,
    private readonly onError: (error: unknown) => void,
  ) {}

  /**
   * The instance subscribed to the transactions of `em` (the global EntityManager) and of every
   * fork made from it afterwards; created on first use, shared after that.
   */
  static attach(em: EntityManager, options: AfterCommitOptions = {}): AfterCommit {
    const events = em.getEventManager();
    for (const subscriber of events.getSubscribers()) {
      if (subscriber instanceof AfterCommit) return subscriber;
    }
    const instance = new AfterCommit(em, options.onError ?? (() => undefined));
    events.registerSubscriber(instance);
    return instance;
  }

  /** Runs `work` after the transaction `em` is in commits; never if it rolls back. */
  run(em: EntityManager, work: AfterCommitWork): void {
    const transaction = this.transactionOf(em);
    if (transaction) this.queue(transaction).push({ items: [], work });
    else this.start([{ items: [], work }]);
  }

  /**
   * Adds `item` to `batch` for the transaction `em` is in: after the commit, `batch.flush` gets
   * the items added in that transaction (or in one savepoint of it) in one call, in order.
   */
  collect<T>(em: EntityManager, batch: AfterCommitBatch<T>, item: T): void {
    const transaction = this.transactionOf(em);
    if (!transaction) {
      this.start([{ batch, items: [item] }]);
      return;
    }
    const queue = this.queue(transaction);
    const entry = queue.find((candidate) => candidate.batch === batch);
    if (entry) entry.items.push(item);
    else queue.push({ batch, items: [item] });
  }

  /** Resolves once all committed work has run (for shutdown and tests). */
  async drain(): Promise<void> {
    let tail: Promise<void>;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }

  // ---- MikroORM's transaction events ----

  beforeTransactionStart({ em, transaction }: TransactionEventArgs): void {
    // Only a savepoint starts with a transaction in hand: the one it nests in.
    if (transaction) this.opening.set(em, transaction as object);
  }

  afterTransactionStart({ em, transaction }: TransactionEventArgs): void {
    const parent = this.opening.get(em);
    if (!parent) return;
    this.opening.delete(em);
    this.parents.set(transaction as object, parent);
  }

  afterTransactionCommit({ transaction }: TransactionEventArgs): void {
    const entries = this.take(transaction as object);
    if (!entries) return;
    const parent = this.parents.get(transaction as object);
    // A released savepoint: its work now stands or falls with the enclosing transaction.
    if (parent) this.queue(parent).push(...entries);
    else this.start(entries);
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    this.take(transaction as object);
  }

  // ---- internals ----

  private transactionOf(em: EntityManager): object | undefined {
    const context = em.getContext(false);
    const transaction = context.getTransactionContext<object>();
    if (transaction && !context.getEventManager().getSubscribers().has(this)) {
      // A fork made before attach() does not tell this instance about its commits.
      throw new Error('AfterCommit is not subscribed to this EntityManager: attach it at start-up');
    }
    return transaction;
  }

  private queue(transaction: object): Entry[] {
    let entries = this.pending.get(transaction);
    if (!entries) this.pending.set(transaction, (entries = []));
    return entries;
  }

  private take(transaction: object): Entry[] | undefined {
    const entries = this.pending.get(transaction);
    this.pending.delete(transaction);
    return entries;
  }

  private start(entries: Entry[]): void {
    this.tail = this.tail.then(() => this.outside(() => this.runAll(entries)));
  }

  private async runAll(entries: Entry[]): Promise<void> {
    for (const entry of entries) {
      try {
        await RequestContext.create(this.root, async () => {
          await (entry.work ? entry.work() : entry.batch!.flush(entry.items));
        });
      } catch (error) {
        this.logger.error({ err: error }, 'Work deferred until after a commit failed');
        this.onError(error);
      }
    }
  }
}
