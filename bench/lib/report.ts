import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { CustomResult } from '../scenarios/scenario.ts';
import type { Comparison } from './compare.ts';
import { RSS_TARGET_MIB, verdicts } from './targets.ts';

export const RESULTS_DIR = join(import.meta.dirname, '..', 'results');

/** Where and how the benchmark ran. */
export interface RunInfo {
  startedAt: string;
  mode: 'full' | 'quick';
  commit: string;
  node: string;
  postgres: string;
  cpus: string;
  loadAverage: number[];
  settings: Record<string, unknown>;
}

export interface Report {
  info: RunInfo;
  comparisons: Comparison[];
  custom: Array<{ scenario: string; result?: CustomResult; failure?: string }>;
  /** `turnout` is the API process; `dispatcher` the second Turnout process, when deliveries are sent by one. */
  peakRssMiB: { turnout: number; dispatcher?: number; baseline: number };
  /** Turnout's peak resident memory during each scenario (polled), in MiB. */
  scenarioRssMiB: Record<string, number>;
  /** Scenarios that could not run at all, with why. */
  crashed: Array<{ scenario: string; error: string }>;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** Quick runs are smoke checks on small data: comparing them with the targets would mislead. */
const targetsOf = (quick: boolean, scenario: string, figures: Parameters<typeof verdicts>[1]) =>
  quick ? '–' : verdicts(scenario, figures).join(', ');

function comparisonRow(c: Comparison, rss: number | undefined, quick: boolean): string {
  const ratio = c.turnout.requestsPerSecond / c.baseline.requestsPerSecond;
  const targets = targetsOf(quick, c.scenario, {
    ratio,
    p50: c.turnout.p50,
    p99: c.turnout.p99,
    throughput: c.turnout.requestsPerSecond,
  });
  return [
    c.scenario,
    String(c.connections),
    fixed(c.turnout.requestsPerSecond),
    fixed(c.turnout.p50),
    fixed(c.turnout.p99),
    String(c.turnout.errors),
    fixed(c.baseline.requestsPerSecond),
    fixed(c.baseline.p50),
    fixed(c.baseline.p99),
    String(c.baseline.errors),
    fixed(ratio, 2),
    targets,
    fixed(rss ?? Number.NaN, 0),
    c.failures.length ? 'FAILED' : 'ok',
  ].join(' | ');
}

function customRow(
  { scenario, result, failure }: Report['custom'][number],
  rss: number | undefined,
  quick: boolean,
): string {
  if (!result) return [scenario, ...Array<string>(12).fill('–'), `FAILED: ${failure}`].join(' | ');
  const targets = targetsOf(quick, scenario, result);
  return [
    scenario,
    '–',
    `${fixed(result.throughput)} ${result.unit}`,
    fixed(result.p50),
    fixed(result.p99),
    String(result.errors),
    'n/a',
    'n/a',
    'n/a',
    'n/a',
    'n/a',
    targets,
    fixed(rss ?? Number.NaN, 0),
    result.errors ? 'FAILED' : 'ok',
  ].join(' | ');
}

/**
 * Where each response's time went: CPU of the server's process and of PostgreSQL, per successful
 * response over the measured runs (from /proc, so a busy machine blurs it).
 */
function cpuTable(report: Report): string[] {
  if (!report.comparisons.length) return [];
  const row = ({ scenario, turnout, baseline }: Comparison) => {
    const t = turnout.cpuMsPerRequest;
    const b = baseline.cpuMsPerRequest;
    const cells = [t.server, t.postgres, b.server, b.postgres, t.server / b.server];
    return `| ${[scenario, ...cells.map((value) => fixed(value, 2))].join(' | ')} |`;
  };
  return [
    'CPU time per response, ms (the server process; PostgreSQL, all its processes):',
    '',
    '| scenario | Turnout | PostgreSQL | baseline | PostgreSQL | Turnout/baseline (process) |',
    `|${'---|'.repeat(6)}`,
    ...report.comparisons.map(row),
    '',
  ];
}

/** The table: one row per scenario, Turnout beside the baseline, with the issue's targets. */
export function renderTable(report: Report): string {
  const header =
    '| scenario | conn | Turnout req/s | p50 ms | p99 ms | errors | baseline req/s | p50 ms | p99 ms | errors | Turnout/baseline | targets | Turnout RSS MiB | status |';
  const rule = `|${'---|'.repeat(14)}`;
  const rss = (scenario: string) => report.scenarioRssMiB[scenario];
  const quick = report.info.mode === 'quick';
  const rows = [
    ...report.comparisons.map((c) => comparisonRow(c, rss(c.scenario), quick)),
    ...report.custom.map((c) => customRow(c, rss(c.scenario), quick)),
    ...report.crashed.map(({ scenario, error }) =>
      [scenario, ...Array<string>(12).fill('–'), `FAILED: ${error.split('\n')[0]}`].join(' | '),
    ),
  ].map((row) => `| ${row} |`);
  const peak = report.peakRssMiB;
  return [
    header,
    rule,
    ...rows,
    '',
    ...cpuTable(report),
    `Peak RSS: Turnout ${fixed(peak.turnout)} MiB${quick ? '' : ` (target ≤ ${RSS_TARGET_MIB} MiB ${peak.turnout <= RSS_TARGET_MIB ? '✓' : '✗'})`}${peak.dispatcher === undefined ? '' : `, Turnout's dedicated webhook dispatcher ${fixed(peak.dispatcher)} MiB`}, baseline ${fixed(peak.baseline)} MiB.`,
  ].join('\n');
}

/** Everything that makes the run fail (never a speed: only errors, failed checks, crashes). */
export function failuresOf(report: Report): string[] {
  return [
    ...report.comparisons.flatMap((c) => c.failures.map((failure) => `${c.scenario}: ${failure}`)),
    ...report.custom.flatMap(({ scenario, result, failure }) =>
      failure
        ? [`${scenario}: ${failure}`]
        : result?.errors
          ? [`${scenario}: ${result.errors} errors (${result.note})`]
          : [],
    ),
    ...report.crashed.map(({ scenario, error }) => `${scenario}: ${error}`),
  ];
}

function markdown(report: Report): string {
  const { info } = report;
  const failures = failuresOf(report);
  // Each note starts with its run's tag (`register-contended-t1: …`).
  const notes = report.comparisons.flatMap((c) =>
    [...c.turnout.notes, ...c.baseline.notes].map((note) => `- ${note}`),
  );
  return [
    `# Benchmark ${info.startedAt} (${info.mode})`,
    '',
    `Commit ${info.commit}; Node ${info.node}; ${info.postgres}; ${info.cpus}; load average at start ${info.loadAverage.map((n) => n.toFixed(2)).join(' ')}.`,
    '',
    '```json',
    JSON.stringify(info.settings, null, 2),
    '```',
    '',
    renderTable(report),
    '',
    ...(notes.length ? ['Checks after the runs:', '', ...notes, ''] : []),
    ...report.custom.flatMap(({ scenario, result }) =>
      result ? [`- ${scenario}: ${result.note}`] : [],
    ),
    '',
    failures.length
      ? `## Failures\n\n${failures.map((f) => `- ${f}`).join('\n')}`
      : 'No scenario failed.',
    '',
  ].join('\n');
}

/** Writes a results file as Prettier would, so that `npm run lint` passes on committed results. */
export async function writeResult(name: string, text: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, name);
  const config = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...config, filepath: file }));
  return file;
}

/** Writes `<stamp>.md` and `<stamp>.json` under bench/results; answers the Markdown file's path. */
export async function writeReport(report: Report, stamp: string): Promise<string> {
  await writeResult(`${stamp}.json`, JSON.stringify(report));
  return writeResult(`${stamp}.md`, markdown(report));
}
