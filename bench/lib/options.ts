import { parseArgs } from 'node:util';

/** How big the data set is: the figures in full mode, a smoke-sized one in quick mode. */
export interface DataSize {
  /** Every attendee, over all 200 events. */
  attendees: number;
  /** Attendees of the GxP project (the project-list, batch and check-in scenarios' event). */
  projectAttendees: number;
  /** People behind the seed 002 registrations (each registers for about three events). */
  people: number;
  /** Disabled webhook subscriptions beside the one enabled. */
  disabledSubscriptions: number;
}

export interface Options {
  mode: 'full' | 'quick';
  databaseUrl: string;
  data: DataSize;
  /** Seconds per measured run, and before each server's first run of a scenario. */
  durationSeconds: number;
  warmupSeconds: number;
  /** Measured runs per server, alternating Turnout and the baseline. */
  rounds: number;
  connections: number;
  /**
   * Attendees per request of the batch scenario: 1000; 20 in quick mode, whose webhook deliveries
   * (one per attendee) must drain in seconds.
   */
  batchSize: number;
  /** Attendee events the webhooks scenario generates (in batches of 1000). */
  webhookEvents: number;
  /** Only these scenarios (all when empty). */
  only: string[];
  explain: boolean;
  /** Profile Turnout's CPU (`node --cpu-prof`) and summarise where the time went. */
  profile: boolean;
  build: boolean;
  keepDatabase: boolean;
  /** Extra environment for Turnout (`--turnout-env KEY=VALUE`, repeatable), for sweeps of a setting. */
  turnoutEnv: Record<string, string>;
  /**
   * Who sends webhook deliveries: the API process itself (`inline`, one instance, the default), or
   * a second Turnout process that serves no requests (`dedicated`, the API with
   * `WEBHOOK_DISPATCHER=false`).
   */
  dispatcher: 'dedicated' | 'inline';
  /**
   * The baseline's statements: named, prepared once per connection (`prepared`, the yardstick), or
   * sent unnamed, parsed and planned on every execution as Turnout's are (`unnamed`, for evidence).
   */
  baselineStatements: 'prepared' | 'unnamed';
}

const FULL: DataSize = {
  attendees: 500_000,
  projectAttendees: 200_000,
  people: 100_000,
  disabledSubscriptions: 3_000,
};
const QUICK: DataSize = {
  attendees: 20_000,
  projectAttendees: 2_000,
  people: 5_000,
  disabledSubscriptions: 3_000,
};

const USAGE = `npm run bench -- [--quick] [--explain] [--profile] [--only a,b] [--duration s]
                    [--rounds n] [--connections n] [--no-build] [--keep-db]
                    [--turnout-env KEY=VALUE ...] [--dispatcher dedicated|inline]
                    [--baseline-statements prepared|unnamed]

  --quick        smoke check: 20,000 attendees, 2 s runs, one round, batches of 20
  --explain      also write EXPLAIN (ANALYZE, BUFFERS) of each scenario's queries
  --profile      profile Turnout's CPU (node --cpu-prof) and summarise where the time went
  --only         run these scenarios only (comma-separated names)
  --no-build     use the existing dist/ instead of running npm run build
  --keep-db      leave the benchmark database behind (its name is printed)
  --turnout-env  start Turnout with this variable too (repeatable), e.g. WEBHOOK_CONCURRENCY=32
                 or NODE_OPTIONS=--max-old-space-size=128; the results record it
  --dispatcher   who sends the webhook deliveries: the API process itself (inline, the default:
                 one instance) or a second Turnout process serving no requests (dedicated)
  --baseline-statements
                 prepared (the default): the baseline's statements are prepared once per
                 connection; unnamed: parsed and planned every time, as Turnout's (evidence only)

DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
the benchmark creates its own database there and drops it at the end.`;

const positive = (name: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

const keyValue = (text: string): [string, string] => {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`--turnout-env takes KEY=VALUE, not ${text}`);
  return [text.slice(0, at), text.slice(at + 1)];
};

/** Reads the command line (and DATABASE_URL); prints the usage and exits on --help. */
export function readOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      explain: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      'keep-db': { type: 'boolean', default: false },
      'turnout-env': { type: 'string', multiple: true },
      dispatcher: { type: 'string', default: 'inline' },
      'baseline-statements': { type: 'string', default: 'prepared' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const quick = values.quick;
  const dispatcher = values.dispatcher;
  if (dispatcher !== 'dedicated' && dispatcher !== 'inline') {
    throw new Error(`--dispatcher is dedicated or inline, not ${dispatcher}`);
  }
  const baselineStatements = values['baseline-statements'];
  if (baselineStatements !== 'prepared' && baselineStatements !== 'unnamed') {
    throw new Error(`--baseline-statements is prepared or unnamed, not ${baselineStatements}`);
  }
  return {
    mode: quick ? 'quick' : 'full',
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    data: quick ? QUICK : FULL,
    durationSeconds: positive('duration', values.duration, quick ? 2 : 10),
    warmupSeconds: quick ? 1 : 3,
    rounds: Math.round(positive('rounds', values.rounds, quick ? 1 : 3)),
    connections: Math.round(positive('connections', values.connections, 32)),
    batchSize: quick ? 20 : 1000,
    webhookEvents: quick ? 2_000 : 10_000,
    only: values.only ? values.only.split(',').map((name) => name.trim()) : [],
    explain: values.explain,
    profile: values.profile,
    build: !values['no-build'],
    keepDatabase: values['keep-db'],
    turnoutEnv: Object.fromEntries((values['turnout-env'] ?? []).map(keyValue)),
    dispatcher,
    baselineStatements,
  };
}
