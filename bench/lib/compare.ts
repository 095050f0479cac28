import type { LoadScenario, Run, ScenarioContext, Side } from '../scenarios/scenario.ts';
import { checkAlike } from './alike.ts';
import { type CpuUse, startCpuCount } from './cpu.ts';
import { type Measurement, measure, percentile } from './load.ts';
import { drainDeliveries, settle } from './settle.ts';

/** One server's figures for a scenario, over all its measured runs. */
export interface SideFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  succeeded: number;
  errors: number;
  statuses: Record<string, number>;
  notes: string[];
  /** CPU time per successful response over the measured runs: the server's process, PostgreSQL's. */
  cpuMsPerRequest: { server: number; postgres: number };
}

export interface Comparison {
  scenario: string;
  connections: number;
  turnout: SideFigures;
  baseline: SideFigures;
  /** Problems that make the scenario fail: a check after a run, different answers, errors. */
  failures: string[];
}

const urls = (context: ScenarioContext, baselineUrl: string): Record<Side, string> => ({
  turnout: context.turnoutUrl,
  baseline: baselineUrl,
});

interface MeasuredRun {
  measured: Measurement;
  cpu: CpuUse;
  note?: string;
}

function summarise(runs: MeasuredRun[]): SideFigures {
  const seconds = runs.reduce((sum, run) => sum + run.measured.seconds, 0);
  const latencies = runs.flatMap((run) => run.measured.latencies);
  const statuses: Record<string, number> = {};
  for (const { measured } of runs) {
    for (const [status, count] of Object.entries(measured.statuses)) {
      statuses[status] = (statuses[status] ?? 0) + count;
    }
  }
  return {
    requestsPerSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    succeeded: latencies.length,
    errors: runs.reduce((sum, run) => sum + run.measured.errors, 0),
    statuses,
    notes: runs.flatMap((run) => (run.note ? [run.note] : [])),
    cpuMsPerRequest: {
      server: runs.reduce((sum, run) => sum + run.cpu.serverMs, 0) / latencies.length,
      postgres: runs.reduce((sum, run) => sum + run.cpu.postgresMs, 0) / latencies.length,
    },
  };
}

/**
 * Measures a scenario on both servers: first one request each, whose answers must agree (the same
 * body for reads, the same fields for writes); then a warm-up run each, for `warmupSeconds`; then
 * `rounds` measured runs each, alternating Turnout and the baseline (A B A B) so that drift of the
 * machine falls on both. A measured run sends as many requests as the server answered in
 * `durationSeconds` the run before (at least one per connection) and waits for every answer: a run
 * cut off at a deadline would drop the slowest requests, and with them the truth about a slow server.
 */
export async function compare(
  scenario: LoadScenario,
  context: ScenarioContext,
  baselineUrl: string,
  pids: Record<Side, number>,
  log: (line: string) => void,
): Promise<Comparison> {
  const { options } = context;
  const connections = scenario.connections ?? options.connections;
  const target = urls(context, baselineUrl);
  const failures: string[] = [];
  const disagreement = await checkAlike(scenario, context, target);
  if (disagreement) {
    failures.push(disagreement);
    log(`  the servers disagree: ${disagreement}`);
  }

  const measured: Record<Side, MeasuredRun[]> = {
    turnout: [],
    baseline: [],
  };
  const plan: Run[] = [
    { side: 'turnout', tag: `${scenario.name}-tw`, warmup: true },
    { side: 'baseline', tag: `${scenario.name}-bw`, warmup: true },
  ];
  for (let round = 1; round <= options.rounds; round++) {
    plan.push({ side: 'turnout', tag: `${scenario.name}-t${round}`, warmup: false });
    plan.push({ side: 'baseline', tag: `${scenario.name}-b${round}`, warmup: false });
  }
  // Each server's last rate: a measured run sends what it answered in a run's time before.
  const rate: Record<Side, number> = { turnout: 0, baseline: 0 };
  for (const run of plan) {
    const workload = await scenario.workload(context, run);
    const seconds = Math.max(
      run.warmup ? options.warmupSeconds : options.durationSeconds,
      scenario.minimumSeconds ?? 0,
    );
    const length = run.warmup
      ? { seconds }
      : {
          requests: Math.max(
            connections,
            scenario.minimumRequests ?? 0,
            Math.ceil(rate[run.side] * seconds),
          ),
        };
    const cpuSince = startCpuCount(pids[run.side]);
    const result = await measure(target[run.side], context.token, workload, connections, length);
    const cpu = cpuSince();
    rate[run.side] = result.succeeded / result.seconds;
    await settle(target[run.side]);
    await drainDeliveries(context, log);
    let note: string | undefined;
    try {
      note = await scenario.verify?.(context, run, result);
    } catch (error) {
      failures.push(`${run.side} ${run.tag}: ${(error as Error).message}`);
    }
    log(
      `  ${run.warmup ? 'warm-up' : 'run'} ${run.tag.padEnd(24)} ${run.side.padEnd(8)} ` +
        `${(result.succeeded / result.seconds).toFixed(1).padStart(8)} req/s ` +
        `p99 ${percentile(result.latencies, 99).toFixed(1)} ms  errors ${result.errors}` +
        (note ? `  (${note})` : ''),
    );
    if (!run.warmup)
      measured[run.side].push({ measured: result, cpu, note: note && `${run.tag}: ${note}` });
  }
  const figures = { turnout: summarise(measured.turnout), baseline: summarise(measured.baseline) };
  for (const side of ['turnout', 'baseline'] as const) {
    const { errors, statuses } = figures[side];
    if (errors > 0)
      failures.push(`${side}: ${errors} errors (statuses ${JSON.stringify(statuses)})`);
  }
  return { scenario: scenario.name, connections, ...figures, failures };
}
