import type { EntityManager } from '@mikro-orm/core';
import { sqlRows } from './sql';

/**
 * Takes a PostgreSQL advisory lock held until the transaction `tx` ends: instances sharing a
 * database take turns at whatever follows (migrating, bootstrapping).
 */
export async function advisoryTransactionLock(tx: EntityManager, key: number): Promise<void> {
  await sqlRows(tx, 'select pg_advisory_xact_lock(?)', [key]);
}
