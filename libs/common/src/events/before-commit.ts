import type { EntityManager, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';

/** Items collected in one transaction and written together, in it, just before it commits. */
export interface BeforeCommitBatch<T> {
  /** Runs in the committing transaction (`em` is in it); throwing rolls the transaction back. */
  write(items: T[], em: EntityManager): Promise<unknown>;
}

/**
 * Collects rows a transaction produces one at a time (an outbox message per attendee) and hands
 * them to their writer once, right before the transaction commits: a thousand changes become one
 * set-based INSERT instead of a thousand entities in the unit of work.
 *
 * A MikroORM subscriber follows every transaction by its transaction object. A savepoint writes
 * its own items before it is released, so rolling back to it takes them away with everything else
 * it wrote; a rolled-back transaction's items are dropped unwritten.
 */
export class BeforeCommit implements EventSubscriber {
  /** Items waiting on each open transaction or savepoint, by writer, in the order collected. */
  private readonly pending = new WeakMap<object, Map<BeforeCommitBatch<unknown>, unknown[]>>();

  private constructor() {}

  /**
   * The instance subscribed to the transactions of `em` (the global EntityManager) and of every
   * fork made from it afterwards; created on first use, shared after that.
   */
  static attach(em: EntityManager): BeforeCommit {
    const events = em.getEventManager();
    for (const subscriber of events.getSubscribers()) {
      if (subscriber instanceof BeforeCommit) return subscriber;
    }
    const instance = new BeforeCommit();
    events.registerSubscriber(instance);
    return instance;
  }

  /**
   * Adds `items` to `batch` for the transaction `em` is in. False when `em` is in none: nothing is
   * collected and the caller writes them itself.
   */
  collect<T>(em: EntityManager, batch: BeforeCommitBatch<T>, items: readonly T[]): boolean {
    const context = em.getContext(false);
    const transaction = context.getTransactionContext<object>();
    if (!transaction) return false;
    if (!context.getEventManager().getSubscribers().has(this)) {
      // A fork made before attach() would commit without writing what was collected.
      throw new Error(
        'BeforeCommit is not subscribed to this EntityManager: attach it at start-up',
      );
    }
    let batches = this.pending.get(transaction);
    if (!batches)
      this.pending.set(transaction, (batches = new Map<BeforeCommitBatch<unknown>, unknown[]>()));
    const collected = batches.get(batch);
    if (collected) collected.push(...items);
    else batches.set(batch, [...items]);
    return true;
  }

  // ---- MikroORM's transaction events ----

  async beforeTransactionCommit({ em, transaction }: TransactionEventArgs): Promise<void> {
    const batches = this.pending.get(transaction as object);
    if (!batches) return;
    this.pending.delete(transaction as object);
    for (const [batch, items] of batches) await batch.write(items, em);
  }

  afterTransactionRollback({ transaction }: TransactionEventArgs): void {
    this.pending.delete(transaction as object);
  }
}
