/**
 * The speed targets: shown beside the figures, never asserted (the machine, and what else
 * runs on it, decide the absolute numbers; CI only proves the harness works).
 */
export interface Target {
  /** Least Turnout/baseline ratio of requests per second. */
  ratio?: number;
  /** Most p99 latency, in ms. */
  p99?: number;
  /** Most p50 latency, in ms (the batch: time per batch). */
  p50?: number;
  /** Least throughput (the webhooks: deliveries per second). */
  throughput?: number;
}

export const TARGETS: Record<string, Target> = {
  register: { ratio: 0.5 },
  'register-contended': { ratio: 0.5 },
  search: { ratio: 0.7, p99: 50 },
  'project-list': { ratio: 0.7, p99: 50 },
  'event-detail': { ratio: 0.7, p99: 50 },
  batch: { p50: 500 },
  'check-in': { ratio: 0.7 },
  webhooks: { throughput: 1000, p99: 1000 },
};

/** Peak RSS of the Turnout process, in MiB. */
export const RSS_TARGET_MIB = 300;

/** `ratio ≥ 0.7 ✗ (0.41)`-style verdicts for a row. */
export function verdicts(
  scenario: string,
  figures: { ratio?: number; p50: number; p99: number; throughput: number },
): string[] {
  const target = TARGETS[scenario] ?? {};
  const mark = (met: boolean) => (met ? '✓' : '✗');
  const out: string[] = [];
  if (target.ratio !== undefined && figures.ratio !== undefined) {
    out.push(`ratio ≥ ${target.ratio} ${mark(figures.ratio >= target.ratio)}`);
  }
  if (target.p99 !== undefined)
    out.push(`p99 ≤ ${target.p99} ms ${mark(figures.p99 <= target.p99)}`);
  if (target.p50 !== undefined)
    out.push(`p50 ≤ ${target.p50} ms ${mark(figures.p50 <= target.p50)}`);
  if (target.throughput !== undefined) {
    out.push(`≥ ${target.throughput}/s ${mark(figures.throughput >= target.throughput)}`);
  }
  return out;
}
