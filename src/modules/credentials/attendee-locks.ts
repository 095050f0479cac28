import type { EntityManager } from '@mikro-orm/core';
import { sqlRows, Statement } from '@turnout/common/database/sql';

const LOCK = new Statement(
  'attendee-lock',
  'select pg_advisory_xact_lock(hashtextextended(?::text, 0))',
);

/**
 * Transaction-scoped advisory locks per attendee, one namespace per concern. The attendee's row
 * belongs to the registrations module, so this module serialises its own work on a lock named
 * after the attendee instead:
 *
 * - `credentials`: adding credentials, and the cascade that removes them when the attendee is
 *   deleted (run while the deletion holds the attendee's row), so no credential outlives them.
 * - `scans`: one scan of an attendee at a time, so exactly one is their first entry.
 *
 * Separate namespaces keep the order of locks acyclic: the cascade takes `credentials` while
 * holding the attendee's row, a scan takes the row (through changeStatus) while holding `scans`.
 */
export async function lockAttendee(
  tx: EntityManager,
  concern: 'credentials' | 'scans',
  attendeeId: string,
): Promise<void> {
  await sqlRows(tx, LOCK, [`turnout:${concern}:${attendeeId}`]);
}
