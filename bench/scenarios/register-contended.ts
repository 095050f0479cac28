import { randomUUID } from 'node:crypto';
import { one } from '../lib/database.ts';
import { registerWorkload } from './register.ts';
import type { LoadScenario, ScenarioContext } from './scenario.ts';

const CAPACITY = 100;
const CONNECTIONS = 64;
/** Each run's own fresh occurrence, by run tag. */
const occurrences = new Map<string, string>();

async function newOccurrence({ pool, fixture }: ScenarioContext): Promise<string> {
  const id = randomUUID();
  await pool.query(
    `insert into occurrences (id, event_id, start_date, end_date, capacity, seats_held, created_at, updated_at)
     values ($1, $2, now() + interval '30 days', now() + interval '30 days 2 hours', $3, 0, now(), now())`,
    [id, fixture.contendedEventId, CAPACITY],
  );
  return id;
}

/**
 * 64 connections racing for the 100 seats of a fresh occurrence (one per run) whose event has a
 * waiting list: the first 100 get CONFIRMED, everyone after joins the waiting list. Afterwards the
 * occurrence must hold exactly 100 seat-holders, its counter must say 100, and nobody is lost.
 */
export const registerContended: LoadScenario = {
  kind: 'load',
  name: 'register-contended',
  summary:
    'POST /api/v1/event-registrations from 64 connections into a 100-seat occurrence with a waiting list',
  connections: CONNECTIONS,
  // Half as many again as there are seats: the occurrence fills and the waiting list forms.
  minimumRequests: CAPACITY * 1.5,
  workload: async (context, run) => {
    const occurrenceId = await newOccurrence(context);
    occurrences.set(run.tag, occurrenceId);
    return registerWorkload(occurrenceId, run);
  },
  verify: async ({ pool }, run, measured) => {
    const occurrenceId = occurrences.get(run.tag);
    const counts = await one<{ seated: number; waiting: number; other: number; held: number }>(
      pool,
      `select count(*) filter (where a.status in ('PENDING', 'CONFIRMED', 'ATTENDED'))::int as seated,
              count(*) filter (where a.status = 'WAITING_LIST')::int as waiting,
              count(*) filter (where a.status not in ('PENDING', 'CONFIRMED', 'ATTENDED', 'WAITING_LIST'))::int as other,
              (select seats_held from occurrences where id = $1) as held
         from attendees a where a.occurrence_id = $1 and a.deleted_at is null`,
      [occurrenceId],
    );
    // Requests still in flight when the run stopped may have been written without being counted.
    const written = counts.seated + counts.waiting;
    if (written < measured.succeeded || written > measured.succeeded + CONNECTIONS) {
      throw new Error(
        `${measured.succeeded} registrations answered 201 but ${written} were written`,
      );
    }
    // A run too short to fill the occurrence (quick mode) must have seated everyone.
    const seats = Math.min(CAPACITY, written);
    if (counts.seated !== seats || counts.held !== seats || counts.other !== 0) {
      throw new Error(
        `expected exactly ${seats} seat-holders, found ${counts.seated} (counter ${counts.held}, ${counts.other} in other statuses)`,
      );
    }
    if (written < CAPACITY) return `only ${written} registered: the occurrence did not fill`;
    return `${counts.seated} seated + ${counts.waiting} waiting`;
  },
  sameBody: false,
};
