import { createDatabase } from '../support/test-database';
import { query, startApp } from './support/fault-app';
import { PrivateCluster, postgresBinaries } from './support/private-cluster';
import { type Call, RegistrationLoad } from './support/registration-load';
import { teardownStack } from './support/teardown';
import { adminClient, createProject, type Outcome, TurnoutClient } from './support/turnout-client';
import { until } from './support/until';

const BATCH = 5;
const bin = postgresBinaries();

const isSuccess = (outcome: Outcome) =>
  outcome.kind === 'answer' && outcome.status >= 200 && outcome.status < 300;

/** What a client should get while the database is away: a retryable 503 problem. */
const isUnavailable = (outcome: Outcome) =>
  outcome.kind === 'answer' &&
  outcome.status === 503 &&
  outcome.headers.get('content-type')?.startsWith('application/problem+json') &&
  outcome.body.type === 'https://turnout.dev/problems/service-unavailable' &&
  Number(outcome.headers.get('retry-after')) > 0;

const summary = ({ kind, tag, phase, outcome }: Call) =>
  `${phase} ${kind} ${tag}: ${outcome.kind === 'answer' ? `${outcome.status} ${JSON.stringify(outcome.body)}` : outcome.error}`;

/** The attendee ids a registration call was answered with (none unless it succeeded). */
function acknowledgedIds({ kind, outcome }: Call): string[] {
  if (kind === 'list' || outcome.kind !== 'answer' || !isSuccess(outcome)) return [];
  const data: unknown = outcome.body.data;
  return (Array.isArray(data) ? data : [data]).map((attendee: { id: string }) => attendee.id);
}

(bin ? describe : describe.skip)(
  'a PostgreSQL outage under load, on a private cluster (issue 9; skipped when initdb and pg_ctl are not installed)',
  () => {
    const teardown = teardownStack();

    it('answers 503 problems at once while PostgreSQL is down, is not ready, recovers by itself, and loses or half-writes nothing', async () => {
      const cluster = teardown.defer(await PrivateCluster.create(bin!), (started) =>
        started.destroy(),
      );
      const databaseUrl = await createDatabase(cluster.serverUrl, 'turnout_faults_outage');
      const app = await startApp(teardown, databaseUrl);
      const anonymous = new TurnoutClient(app.url);
      const admin = await adminClient(app.url);
      const project = await createProject(admin, 'outage', {
        capacity: null,
        waitlistEnabled: true,
      });
      const load = teardown.defer(new RegistrationLoad(admin, project.path, BATCH), (running) =>
        running.stop(),
      );
      await until('registrations before the outage', () => load.count('before', 201) >= 10);

      await cluster.stop();
      load.phase = 'outage';
      await until('refused calls during the outage', () => load.count('outage', 503) >= 10);
      const ready = await anonymous.send('GET', '/health/ready');
      expect(ready.kind === 'answer' && [ready.status, ready.body.type]).toEqual([
        503,
        'https://turnout.dev/problems/not-ready',
      ]);
      expect(await anonymous.expect(200, 'GET', '/health/live')).toEqual({ status: 'ok' });

      await cluster.start();
      load.phase = 'after';
      await until('ready again, without a restart', async () => {
        const again = await anonymous.send('GET', '/health/ready');
        return again.kind === 'answer' && again.status === 200;
      });
      await until('registrations after the outage', () => load.count('after', 201) >= 10);
      await load.stop();

      // Every call got an answer before the client's timeout: a success, or a retryable 503.
      const unexpected = load.calls.filter(
        (call) => !isSuccess(call.outcome) && !isUnavailable(call.outcome),
      );
      expect(unexpected.map(summary)).toEqual([]);

      const stored = await query<{ id: string; first_name: string }>(
        databaseUrl,
        'select id, first_name from attendees where event_id = $1',
        [project.eventId],
      );
      const storedIds = new Set(stored.map((row) => row.id));
      const acknowledged = load.calls.flatMap(acknowledgedIds);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);

      // A batch is all there or not there at all, whatever it was answered.
      const perBatch = load.calls
        .filter((call) => call.kind === 'batch')
        .map((call) => stored.filter((row) => row.first_name === call.tag).length);
      expect(perBatch.filter((count) => count !== 0 && count !== BATCH)).toEqual([]);
    });
  },
);
