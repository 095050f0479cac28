import type { EntityManager } from '@mikro-orm/core';

/**
 * Takes a PostgreSQL advisory lock held until the transaction `tx` ends: instances sharing a
 * database take turns at whatever follows (migrating, bootstrapping).
 */
export async function advisoryTransactionLock(tx: EntityManager, key: number): Promise<void> {
  await tx
    .getConnection()
    .execute('select pg_advisory_xact_lock(?)', [key], 'all', tx.getTransactionContext());
}
