import {
  announced,
  type Attempt,
  DIALECTS,
  register,
  registerUsers,
  type Venue,
} from './support/dialects';
import { query, scratchDatabase, startApp } from './support/fault-app';
import { teardownStack } from './support/teardown';
import {
  adminClient,
  createProject,
  subscribe,
  type TurnoutClient,
} from './support/turnout-client';
import {
  deduplicate,
  deliveredIds,
  untilAllDelivered,
  WebhookReceiver,
} from './support/webhook-receiver';

const PER_DIALECT = 30;
const EVENT_SEATS = 12;
const OCCURRENCE_SEATS = 5;
const SEAT_HOLDING = ['PENDING', 'CONFIRMED', 'ATTENDED'];

interface Row {
  id: string;
  first_name: string;
  status: string;
  occurrence_id: string | null;
  created_at: Date;
  waitlisted_at: Date | null;
}

type Pool = Awaited<ReturnType<typeof seatPools>>[number];

/** The two seat pools: seed 000 and GxP count against the event, seed 002 against its occurrence. */
async function seatPools(databaseUrl: string, rows: Row[], occurrenceId: string) {
  const [held] = await query<{ event: number; occurrence: number }>(
    databaseUrl,
    `select e.seats_held as event, o.seats_held as occurrence
       from events e join occurrences o on o.event_id = e.id where o.id = $1`,
    [occurrenceId],
  );
  return [
    { capacity: EVENT_SEATS, held: held.event, rows: rows.filter((row) => !row.occurrence_id) },
    {
      capacity: OCCURRENCE_SEATS,
      held: held.occurrence,
      rows: rows.filter((row) => row.occurrence_id === occurrenceId),
    },
  ].map((pool) => ({
    ...pool,
    holders: pool.rows.filter((row) => SEAT_HOLDING.includes(row.status)),
    // In line: earliest first.
    waiting: pool.rows
      .filter((row) => row.status === 'WAITING_LIST')
      .sort((a, b) => a.waitlisted_at!.getTime() - b.waitlisted_at!.getTime()),
  }));
}

const attempts: Attempt[] = Array.from({ length: PER_DIALECT }, (_, index) =>
  DIALECTS.map((dialect) => ({ dialect, name: `${dialect.slice(0, 3)}${index}` })),
).flat();

/** A contended event and occurrence, the users seed 000 registers, and a webhook subscription. */
async function arrange(admin: TurnoutClient, receiver: WebhookReceiver) {
  const project = await createProject(admin, 'contended', {
    capacity: EVENT_SEATS,
    waitlistEnabled: true,
  });
  const occurrence = await admin.expect(201, 'POST', `/api/events/${project.eventId}/occurrences`, {
    startDate: '2030-06-01T09:00:00Z',
    endDate: '2030-06-01T17:00:00Z',
    capacity: OCCURRENCE_SEATS,
  });
  const subscription = await subscribe(admin, project, receiver.url('/hooks'), [
    'attendee.created',
    'registration.promoted',
  ]);
  const seed000 = attempts.filter((attempt) => attempt.dialect === 'attendances');
  const venue: Venue = {
    project,
    occurrenceId: occurrence.id,
    userIds: await registerUsers(
      admin,
      seed000.map(({ name }) => name),
    ),
  };
  return { venue, subscription };
}

/** Whether a 201 has put someone on the waiting list of the occurrence, or of the event. */
const waitlisted = (onOccurrence: boolean) =>
  attempts.some(
    (attempt) =>
      announced(attempt)?.status === 'WAITING_LIST' &&
      (attempt.dialect === 'event-registrations') === onOccurrence,
  );

/** Fires every attempt at once, and kills the app once half are answered and both lines formed. */
async function burstUntilKilled(admin: TurnoutClient, venue: Venue, kill: () => void) {
  await Promise.all(
    attempts.map(async (attempt) => {
      attempt.outcome = await register(admin, venue, attempt);
      const answered = attempts.filter((each) => each.outcome?.kind === 'answer').length;
      if (answered >= attempts.length / 2 && waitlisted(true) && waitlisted(false)) kill();
    }),
  );
}

describe('kill -9 in the middle of a burst of contended registrations over three APIs (issue 9)', () => {
  const teardown = teardownStack();
  let receiver: WebhookReceiver;
  let subscription: { id: string; secret: string };
  let venue: Venue;
  let restarted: TurnoutClient;
  let rows: Row[];
  let pools: Pool[];
  const promoted: string[] = [];
  const answered = () => attempts.filter((attempt) => attempt.outcome?.kind === 'answer');

  beforeAll(async () => {
    const databaseUrl = await scratchDatabase(teardown, 'turnout_faults_registration_crash');
    receiver = teardown.defer(await WebhookReceiver.start(), (started) => started.close());
    const first = await startApp(teardown, databaseUrl);
    const admin = await adminClient(first.url);
    ({ venue, subscription } = await arrange(admin, receiver));
    await burstUntilKilled(admin, venue, () => first.child.kill('SIGKILL'));
    await first.exited;
    restarted = admin.at((await startApp(teardown, databaseUrl)).url);
    rows = await query<Row>(
      databaseUrl,
      `select id, first_name, status, occurrence_id, created_at, waitlisted_at
         from attendees where event_id = $1 and deleted_at is null`,
      [venue.project.eventId],
    );
    pools = await seatPools(databaseUrl, rows, venue.occurrenceId);
  });

  it('died with registrations unanswered, having answered every other one 201', () => {
    expect(
      attempts.filter((attempt) => attempt.outcome?.kind === 'no-answer').length,
    ).toBeGreaterThan(0);
    expect(
      answered()
        .filter((attempt) => !announced(attempt))
        .map((a) => a.outcome),
    ).toEqual([]);
  });

  it('keeps every answered registration exactly once, as its 201 announced it', () => {
    const names = rows.map((row) => row.first_name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    const byName = new Map(rows.map((row) => [row.first_name, row]));
    for (const attempt of answered()) {
      const row = byName.get(attempt.name);
      expect({ name: attempt.name, ...announced(attempt) }).toEqual({
        name: attempt.name,
        id: row?.id,
        status: row?.status,
      });
    }
  });

  it('never holds more seats than the event or the occurrence has, and counts them right', () => {
    for (const { capacity, held, holders, waiting } of pools) {
      expect(holders.length).toBeLessThanOrEqual(capacity);
      expect(held).toBe(holders.length);
      expect(waiting.length).toBeGreaterThan(0);
    }
  });

  it('keeps each waiting list in order: nobody waits who came before a seated attendee, and a freed seat goes to the first in line', async () => {
    for (const { holders, waiting } of pools) {
      const lastSeated = Math.max(...holders.map((row) => row.created_at.getTime()));
      expect(waiting[0].waitlisted_at!.getTime()).toBeGreaterThanOrEqual(lastSeated);

      await restarted.expect(204, 'DELETE', `${venue.project.path}/attendees/${holders[0].id}`);
      const next = await restarted.expect(
        200,
        'GET',
        `${venue.project.path}/attendees/${waiting[0].id}`,
      );
      expect(next.data.status).toBe('CONFIRMED');
      promoted.push(waiting[0].id);
    }
  });

  it('sends, after the restart, the webhook of every stored attendee and of each promotion, once per change', async () => {
    await untilAllDelivered(restarted, receiver, [subscription.id]);
    const { byWebhookId } = deduplicate(receiver.accepted, '/hooks', subscription.secret);
    const ofType = (type: string) =>
      deliveredIds(new Map([...byWebhookId].filter(([, payload]) => payload.type === type)));
    expect(ofType('attendee.created')).toEqual(rows.map((row) => row.id).sort());
    expect(ofType('registration.promoted')).toEqual([...promoted].sort());
  });
});
