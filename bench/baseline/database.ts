import type pg from 'pg';
import { Problem } from './http.ts';

/** Runs `work` in one transaction on one pooled connection; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/** A unique index refusing a write (`attendees_one_active_per_user`…) is a 409, as in Turnout. */
export function conflictOnDuplicate(error: unknown, type: string, title: string): never {
  if ((error as { code?: string }).code === '23505') throw new Problem(409, type, title);
  throw error;
}

/** A named (prepared once per connection) statement with its values. */
export const statement = (name: string, text: string) => (values: unknown[]) => ({
  name,
  text,
  values,
});

/** Names of dynamic statements, by text: each distinct text is prepared once per connection. */
const names = new Map<string, string>();

/** A statement whose text is built per request (a varying WHERE or ORDER BY), prepared by text. */
export function prepared(text: string, values: unknown[]) {
  let name = names.get(text);
  if (!name) names.set(text, (name = `dynamic-${names.size}`));
  return { name, text, values };
}
