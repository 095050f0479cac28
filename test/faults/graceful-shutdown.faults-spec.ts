import { connect } from 'node:net';
import { query, scratchDatabase, startApp } from './support/fault-app';
import { teardownStack } from './support/teardown';
import { adminClient, createProject, people } from './support/turnout-client';
import { until } from './support/until';

const BATCHES = 3;
const BATCH = 1000;

/** Opens a TCP connection to `url`'s port: resolves 'connected', or the error code. */
function tryConnect(url: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Whether PostgreSQL is running a statement of the app's on the attendees table (a batch at work). */
async function writingAttendees(databaseUrl: string): Promise<boolean> {
  const [{ busy }] = await query<{ busy: number }>(
    databaseUrl,
    `select count(*)::int as busy from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and state in ('active', 'idle in transaction') and query ilike '%attendees%'`,
  );
  return busy > 0;
}

// test/platform/shutdown.e2e-spec.ts drives the shutdown function in-process with a slow fixture
// route; this sends the real signal to the built process while real writes are under way.
describe('SIGTERM while 1000-attendee batches are in flight (issue 9)', () => {
  const teardown = teardownStack();

  it('answers every in-flight batch for real, refuses new connections meanwhile, and exits 0', async () => {
    const databaseUrl = await scratchDatabase(teardown, 'turnout_faults_shutdown');
    const app = await startApp(teardown, databaseUrl, { SHUTDOWN_TIMEOUT_MS: '120000' });
    const admin = await adminClient(app.url);
    const project = await createProject(admin, 'shutdown', {
      capacity: null,
      waitlistEnabled: true,
    });

    let answered = 0;
    const batches = Array.from({ length: BATCHES }, (_, index) =>
      admin
        .send('POST', `${project.path}/attendees/batch`, {
          resources: people(`Batch ${index}`, BATCH),
        })
        .finally(() => answered++),
    );
    await until('a batch being written', () => writingAttendees(databaseUrl), 60_000, 10);
    app.child.kill('SIGTERM');

    await until(
      'new connections refused',
      async () => (await tryConnect(app.url)) === 'ECONNREFUSED',
      10_000,
      10,
    );
    const inFlightWhenRefused = BATCHES - answered;

    const outcomes = await Promise.all(batches);
    expect(outcomes.map((outcome) => outcome.kind === 'answer' && outcome.status)).toEqual(
      Array(BATCHES).fill(201),
    );
    expect(inFlightWhenRefused).toBeGreaterThan(0);
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain('Shutdown complete');

    const answeredIds = outcomes.flatMap((outcome) =>
      outcome.kind === 'answer'
        ? outcome.body.data.map((attendee: { id: string }) => attendee.id)
        : [],
    );
    const stored = await query<{ id: string }>(
      databaseUrl,
      'select id from attendees where event_id = $1',
      [project.eventId],
    );
    expect(answeredIds).toHaveLength(BATCHES * BATCH);
    expect(stored.map((row) => row.id).sort()).toEqual(answeredIds.sort());
  });
});
