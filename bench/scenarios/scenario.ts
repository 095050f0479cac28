import type pg from 'pg';
import type { Measurement, Workload } from '../lib/load.ts';
import type { Options } from '../lib/options.ts';
import type { Receiver } from '../lib/receiver.ts';
import type { Fixture } from '../lib/seed.ts';

/** The two servers compared. */
export type Side = 'turnout' | 'baseline';

/** What a scenario may use: the seeded data, the organizer's token, the harness's database pool. */
export interface ScenarioContext {
  fixture: Fixture;
  token: string;
  pool: pg.Pool;
  options: Options;
  receiver: Receiver;
  turnoutUrl: string;
  /** The benchmark database, for a second Turnout (--explain). */
  databaseUrl: string;
}

/** One run: which server, and a tag unique in the whole benchmark (for unique request data). */
export interface Run {
  side: Side;
  tag: string;
  /** A warm-up run: measured but not reported. */
  warmup: boolean;
}

/** A scenario measured by loading Turnout and the baseline with the same requests, alternately. */
export interface LoadScenario {
  kind: 'load';
  name: string;
  /** One line for the README and the report. */
  summary: string;
  /** Connections, when the scenario needs other than the default (`--connections`, 32). */
  connections?: number;
  /** The shortest run (warm-ups included) that completes a few requests (a batch takes seconds). */
  minimumSeconds?: number;
  /** The fewest requests of a measured run (to fill an occurrence, whatever the server's speed). */
  minimumRequests?: number;
  /** The requests of one run; fresh data per run where a request may only succeed once. */
  workload(context: ScenarioContext, run: Run): Promise<Workload>;
  /**
   * Checks what a run left behind (e.g. exactly 100 seat-holders) and answers a note for the
   * report; throws when it is wrong.
   */
  verify?(context: ScenarioContext, run: Run, measured: Measurement): Promise<string | undefined>;
  /** Whether both servers must answer a read with the very same body (otherwise: the same fields). */
  sameBody: boolean;
}

/** What a scenario without a baseline reports. */
export interface CustomResult {
  throughput: number;
  unit: string;
  p50: number;
  p99: number;
  errors: number;
  note: string;
}

/** A scenario that measures Turnout alone, its own way (the webhooks). */
export interface CustomScenario {
  kind: 'custom';
  name: string;
  summary: string;
  run(context: ScenarioContext): Promise<CustomResult>;
}

export type Scenario = LoadScenario | CustomScenario;
