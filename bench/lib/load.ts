import autocannon from 'autocannon';

/** One request of a run: its path and body, numbered from 0 within the run. */
export interface RequestShape {
  path: string;
  body?: unknown;
}

/** What a scenario sends in a run. `next` is called once per request, so each can be unique. */
export interface Workload {
  method: 'GET' | 'POST';
  next(sequence: number): RequestShape;
  /** Statuses that count as success; anything else is an error. */
  expect: readonly number[];
}

/** What one run of autocannon measured. */
export interface Measurement {
  seconds: number;
  succeeded: number;
  /** Unexpected statuses, connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  /** Every successful response's latency, in milliseconds. */
  latencies: number[];
}

/**
 * How long a run lasts: `seconds` (requests still in flight then are cut off and not counted), or
 * exactly `requests`, every one answered (a slow server's run lasts as long as it takes).
 */
export type RunLength = { seconds: number } | { requests: number };

/** Loads `baseUrl` with `workload` from `connections` connections, for `length`. */
export async function measure(
  baseUrl: string,
  token: string,
  workload: Workload,
  connections: number,
  length: RunLength,
): Promise<Measurement> {
  let sequence = 0;
  const instance = autocannon({
    url: baseUrl,
    connections,
    ...('seconds' in length ? { duration: length.seconds } : { amount: length.requests }),
    // Slow scenarios queue requests for a long time: a timeout would hide how slow they are.
    timeout: 300,
    method: workload.method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const { path, body } = workload.next(sequence++);
          return { ...request, path, body: body === undefined ? undefined : JSON.stringify(body) };
        },
      },
    ],
  });
  const latencies: number[] = [];
  const expected = new Set(workload.expect);
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (expected.has(status)) latencies.push(ms);
  });
  const result = await instance;
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
  );
  const unexpected = Object.entries(statuses)
    .filter(([status]) => !expected.has(Number(status)))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    seconds: result.duration,
    succeeded: latencies.length,
    errors: unexpected + result.errors,
    statuses,
    latencies,
  };
}

/** The `p`th percentile (0–100) of `values`, by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
