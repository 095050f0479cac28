import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Caller } from './auth.ts';
import { inTransaction, statement } from './database.ts';
import {
  isObject,
  isText,
  isUuid,
  Problem,
  type Reply,
  requireValid,
  unknownKeys,
} from './http.ts';
import { enqueue } from './outbox.ts';
import { type Project, requireProject, typeNames } from './projects.ts';
import { registrationViews } from './registration-view.ts';
import { type AttendeeRow, gxpAttendee, isoSeconds } from './render.ts';

// Seed 003's door scan, `POST .../check-ins`: the first `in` of a PENDING or CONFIRMED attendee
// makes them ATTENDED; every scan is recorded.

const CREDENTIAL = statement(
  'credential-by-value',
  `select id, attendee_id from credentials where event_id = $1 and value = $2`,
);
/** Turnout's per-attendee `scans` lock: one scan of an attendee at a time. */
const SCAN_LOCK = statement('scan-lock', `select pg_advisory_xact_lock(hashtextextended($1, 0))`);
const PRIOR_SCAN = statement(
  'prior-scan',
  `select id from check_ins where event_id = $1 and nonce = $2`,
);
const LOCK_ATTENDEE = statement(
  'lock-attendee',
  `select * from attendees where id = $1 and event_id = $2 and deleted_at is null for update`,
);
const ADMIT = statement(
  'admit',
  `update attendees set status = 'ATTENDED', checked_in_at = coalesce(checked_in_at, $2), updated_at = $2
    where id = $1 returning *`,
);
const RECORD = statement(
  'record-scan',
  `insert into check_ins (id, event_id, attendee_id, credential_id, direction, gate, nonce,
                          scanned_by_user_id, scanned_by_api_key_id, scanned_at, first_entry, attendee)
   values ($1, $2, $3, $4, $5, $6, $7, $8, null, $9, $10, $11)`,
);

const KEYS = new Set(['credential_value', 'attendee_id', 'direction', 'gate', 'nonce']);

function readScan(body: unknown) {
  if (!isObject(body)) throw new Problem(400, 'validation', 'The body must be an object');
  const errors = unknownKeys(body, KEYS);
  const { credential_value: value, attendee_id: attendeeId, direction = 'in', gate, nonce } = body;
  if ((value === undefined) === (attendeeId === undefined)) {
    errors.push({ pointer: '/credential_value', message: 'send credential_value or attendee_id' });
  }
  if (value !== undefined && !isText(value, 200, 1))
    errors.push({ pointer: '/credential_value', message: 'bad' });
  if (attendeeId !== undefined && !isUuid(attendeeId))
    errors.push({ pointer: '/attendee_id', message: 'bad' });
  if (direction !== 'in' && direction !== 'out')
    errors.push({ pointer: '/direction', message: 'in or out' });
  if (gate !== undefined && !isText(gate, 100, 1))
    errors.push({ pointer: '/gate', message: 'bad' });
  if (nonce !== undefined && !isText(nonce, 200, 1))
    errors.push({ pointer: '/nonce', message: 'bad' });
  requireValid(errors);
  return {
    value: value as string | undefined,
    attendeeId: attendeeId as string | undefined,
    direction: direction as 'in' | 'out',
    gate: (gate as string | undefined) ?? null,
    nonce: (nonce as string | undefined) ?? null,
  };
}

type Scan = ReturnType<typeof readScan>;

async function target(pool: pg.Pool, project: Project, scan: Scan) {
  if (scan.attendeeId) return { attendeeId: scan.attendeeId, credentialId: null };
  const credential = (
    await pool.query<{ id: string; attendee_id: string }>(CREDENTIAL([project.eventId, scan.value]))
  ).rows[0];
  if (!credential) throw new Problem(404, 'credential-not-found', 'No credential with that value');
  return { attendeeId: credential.attendee_id, credentialId: credential.id };
}

/** The scan's transaction: lock, check, admit on a first entry, record, and the outbox rows. */
async function record(
  client: pg.PoolClient,
  caller: Caller,
  project: Project,
  scan: Scan,
  { attendeeId, credentialId }: { attendeeId: string; credentialId: string | null },
) {
  await client.query(SCAN_LOCK([`turnout:scans:${attendeeId}`]));
  if (scan.nonce && (await client.query(PRIOR_SCAN([project.eventId, scan.nonce]))).rows.length) {
    throw new Problem(409, 'nonce-reused', 'The baseline does not replay scans');
  }
  const before = (await client.query<AttendeeRow>(LOCK_ATTENDEE([attendeeId, project.eventId])))
    .rows[0];
  if (!before) throw new Problem(404, 'attendee-not-found', 'No such attendee');
  if (before.status === 'CANCELLED' || before.status === 'WAITING_LIST') {
    throw new Problem(409, 'not-admissible', `The attendee is ${before.status}`);
  }
  const now = new Date();
  const firstEntry =
    scan.direction === 'in' && (before.status === 'PENDING' || before.status === 'CONFIRMED');
  const after = firstEntry
    ? (await client.query<AttendeeRow>(ADMIT([attendeeId, now]))).rows[0]
    : before;
  // The scan as the `attendee.checked_in` webhook shows it; the answer adds the two last fields.
  const scanned = {
    id: randomUUID(),
    attendee_id: attendeeId,
    credential_id: credentialId,
    direction: scan.direction,
    gate: scan.gate,
    nonce: scan.nonce,
    scanned_at: isoSeconds(now),
    scanned_by: { type: 'user', id: caller.userId },
  };
  const checkIn = {
    ...scanned,
    first_entry: firstEntry,
    attendee: {
      id: after.id,
      first_name: after.first_name,
      last_name: after.last_name,
      status: after.status,
      checked_in_at: after.checked_in_at ? isoSeconds(after.checked_in_at) : null,
    },
  };
  await client.query(
    RECORD([
      checkIn.id,
      project.eventId,
      attendeeId,
      credentialId,
      scan.direction,
      scan.gate,
      scan.nonce,
      caller.userId,
      now,
      firstEntry,
      {
        id: after.id,
        firstName: after.first_name,
        lastName: after.last_name,
        status: after.status,
        checkedInAt: after.checked_in_at?.toISOString() ?? null,
      },
    ]),
  );
  if (firstEntry) {
    const attendee = async () =>
      gxpAttendee(after, { types: await typeNames(client, [after.attendee_type_id]) });
    await enqueue(client, project.organizationId, [
      {
        type: 'registration.updated',
        eventId: project.eventId,
        data: () => registrationViews(client, project.eventId)(after),
      },
      { type: 'attendee.updated', eventId: project.eventId, data: attendee },
      {
        type: 'attendee.checked_in',
        eventId: project.eventId,
        data: async () => ({ check_in: scanned, attendee: await attendee() }),
      },
    ]);
  }
  return { checkIn };
}

export async function checkIn(
  pool: pg.Pool,
  caller: Caller,
  [team, slug]: string[],
  body: unknown,
): Promise<Reply> {
  const scan = readScan(body);
  const project = await requireProject(pool, caller, team, slug);
  const found = await target(pool, project, scan);
  const { checkIn } = await inTransaction(pool, (client) =>
    record(client, caller, project, scan, found),
  );
  return { status: 201, body: { data: checkIn } };
}
