import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startBaseline } from './lib/baseline.ts';
import { compare } from './lib/compare.ts';
import { createBenchDatabase, one } from './lib/database.ts';
import { explainAll } from './lib/explain.ts';
import { readOptions } from './lib/options.ts';
import { startReceiver } from './lib/receiver.ts';
import { summariseProfile } from './lib/profile.ts';
import {
  failuresOf,
  renderTable,
  type Report,
  RESULTS_DIR,
  type RunInfo,
  writeReport,
  writeResult,
} from './lib/report.ts';
import { seed } from './lib/seed.ts';
import { createOrganizer, startTurnout, subscribe } from './lib/turnout.ts';
import { SCENARIOS } from './scenarios/all.ts';
import type { ScenarioContext } from './scenarios/scenario.ts';

/**
 * `npm run bench`: builds Turnout, starts it in production mode on a database of its own, seeds the
 * data set, starts the baseline, measures every scenario on both alternately, and writes the
 * table to bench/results. Exits 1 when a scenario failed (errors, a failed check), never for speed.
 */

const log = (line: string) => process.stdout.write(`${line}\n`);
const options = readOptions(process.argv.slice(2), process.env);
const scenarios = SCENARIOS.filter(
  (scenario) => options.only.length === 0 || options.only.includes(scenario.name),
);
const unknown = options.only.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length) throw new Error(`Unknown scenario(s): ${unknown.join(', ')}`);

const startedAt = new Date();
const stamp = startedAt
  .toISOString()
  .replace(/:/g, '-')
  .replace(/\.\d+Z$/, 'Z');
/** Quick runs' files end in -quick: they are smoke checks, never committed (see .gitignore). */
const suffixed = (name: string) => (options.mode === 'quick' ? `${name}-quick` : name);
const cleanup: Array<() => Promise<unknown>> = [];
/** Stops what was started, last first; a second call (Ctrl-C, then the end of main) has nothing left. */
async function tearDown() {
  for (const step of cleanup.splice(0).reverse()) {
    await step().catch((error: unknown) => log(String(error)));
  }
}
process.once('SIGINT', () => void tearDown().then(() => process.exit(130)));

function build() {
  log('== npm run build');
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

async function runInfo(context: ScenarioContext): Promise<RunInfo> {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  const dirty = git(['status', '--porcelain', '--', 'src', 'libs'])
    ? ' (with uncommitted changes in src/libs)'
    : '';
  return {
    startedAt: startedAt.toISOString(),
    mode: options.mode,
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${dirty}`,
    node: process.version,
    postgres: (await one<{ version: string }>(context.pool, 'select version()')).version.split(
      ' on ',
    )[0],
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    loadAverage: loadavg(),
    settings: {
      data: options.data,
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      rounds: options.rounds,
      batchSize: options.batchSize,
      webhookEvents: options.webhookEvents,
      poolMax: 10,
      dispatcher: options.dispatcher,
      baselineStatements: options.baselineStatements,
      ...(Object.keys(options.turnoutEnv).length ? { turnoutEnv: options.turnoutEnv } : {}),
    },
  };
}

const PROFILE = `profile-${suffixed(stamp)}`;

/** The database, the receiver, Turnout with its organizer and subscription, the data, the baseline. */
async function setUp() {
  if (options.build) build();
  const database = await createBenchDatabase(options.databaseUrl);
  log(`== database ${database.name}`);
  cleanup.push(() =>
    options.keepDatabase ? Promise.resolve(log(`kept ${database.name}`)) : database.drop(),
  );
  const receiver = await startReceiver();
  cleanup.push(() => receiver.close());
  const cpuProfile = `--cpu-prof --cpu-prof-dir=${RESULTS_DIR} --cpu-prof-name=${PROFILE}.cpuprofile`;
  const dedicated = options.dispatcher === 'dedicated';
  const turnout = await startTurnout(database.url, {
    ...options.turnoutEnv,
    ...(dedicated ? { WEBHOOK_DISPATCHER: 'false' } : {}),
    ...(options.profile
      ? { NODE_OPTIONS: `${options.turnoutEnv.NODE_OPTIONS ?? ''} ${cpuProfile}`.trim() }
      : {}),
  });
  cleanup.push(() => turnout.stop());
  log(`== Turnout on ${turnout.url} (pid ${turnout.pid})`);
  // Started once the API has applied the migrations; it gets no requests, only deliveries to send.
  const dispatcher = dedicated
    ? await startTurnout(database.url, { WEBHOOK_POLL_MS: '100', ...options.turnoutEnv })
    : undefined;
  if (dispatcher) {
    cleanup.push(() => dispatcher.stop());
    log(`== Turnout's webhook dispatcher (pid ${dispatcher.pid}), polling every 100 ms`);
  }
  const organizer = await createOrganizer(turnout.url);
  await subscribe(turnout.url, organizer.token, receiver.url);
  log(`== seeding (${options.mode})`);
  const fixture = await seed(database.pool, organizer.organization, options.data, log);
  const baseline = await startBaseline(database.url, options.baselineStatements);
  cleanup.push(() => baseline.stop());
  log(`== baseline on ${baseline.url} (pid ${baseline.pid})`);
  const context: ScenarioContext = {
    fixture,
    token: organizer.token,
    pool: database.pool,
    options,
    receiver,
    turnoutUrl: turnout.url,
    databaseUrl: database.url,
  };
  return { context, turnout, dispatcher, baseline };
}

type Servers = Pick<Awaited<ReturnType<typeof setUp>>, 'turnout' | 'dispatcher' | 'baseline'>;

/** Every scenario in turn; one that crashes is reported and the others still run. */
async function measureAll(context: ScenarioContext, { turnout, dispatcher, baseline }: Servers) {
  const report: Report = {
    info: await runInfo(context),
    comparisons: [],
    custom: [],
    peakRssMiB: { turnout: 0, baseline: 0 },
    scenarioRssMiB: {},
    crashed: [],
  };
  for (const scenario of scenarios) {
    log(`== ${scenario.name}: ${scenario.summary}`);
    turnout.peakRssSinceLastCall();
    try {
      if (scenario.kind === 'load') {
        const pids = { turnout: turnout.pid, baseline: baseline.pid };
        report.comparisons.push(await compare(scenario, context, baseline.url, pids, log));
      } else {
        report.custom.push({ scenario: scenario.name, result: await scenario.run(context) });
      }
    } catch (error) {
      log(`  FAILED: ${(error as Error).stack ?? String(error)}`);
      log(turnout.output().split('\n').slice(-20).join('\n'));
      report.crashed.push({ scenario: scenario.name, error: (error as Error).message });
    }
    report.scenarioRssMiB[scenario.name] = turnout.peakRssSinceLastCall() / 2 ** 20;
  }
  report.peakRssMiB = {
    turnout: turnout.peakRss() / 2 ** 20,
    ...(dispatcher ? { dispatcher: dispatcher.peakRss() / 2 ** 20 } : {}),
    baseline: baseline.peakRss() / 2 ** 20,
  };
  return report;
}

async function main(): Promise<number> {
  const { context, turnout, dispatcher, baseline } = await setUp();
  if (options.explain) {
    log('== explain (on the data as seeded)');
    const file = await explainAll(context, scenarios, suffixed(`plans-${stamp}`), log);
    log(`   written to ${file}`);
  }
  const report = await measureAll(context, { turnout, dispatcher, baseline });
  if (options.profile) {
    await turnout.stop(); // V8 writes the profile as the process exits.
    const summary = summariseProfile(join(RESULTS_DIR, `${PROFILE}.cpuprofile`));
    const file = await writeResult(
      `${PROFILE}.md`,
      `# CPU profile of Turnout (${PROFILE})\n\n${summary}`,
    );
    log(`== profile written to ${file}`);
  }
  log('');
  log(renderTable(report));
  log('');
  log(`written to ${await writeReport(report, suffixed(stamp))}`);
  const failures = failuresOf(report);
  for (const failure of failures) log(`FAILED ${failure}`);
  return failures.length ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  log((error as Error).stack ?? String(error));
  process.exitCode = 1;
} finally {
  await tearDown();
}
