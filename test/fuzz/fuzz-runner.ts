import fc from 'fast-check';
import { changedTables, type Snapshot } from './database-snapshot';
import { type CaseContext, casesFor, type FuzzCase } from './fuzz-cases';
import { FUZZ_MIN_RUNS, FUZZ_RUNS, FUZZ_SEED, FUZZ_TRACE, seedFor } from './fuzz-settings';
import type { Operation } from './openapi-operations';
import { describeRequest, sendRaw } from './raw-http';
import { judge } from './response-oracle';

export interface RunEnvironment extends Omit<CaseContext, 'operation'> {
  /** Where the app listens: `http://127.0.0.1:port`. */
  origin: string;
  snapshot: () => Promise<Snapshot>;
}

export interface OperationRun {
  operation: Operation;
  /** Generated requests sent (shrinking included). */
  runs: number;
  /** A readable account of the smallest failing request found, with how to replay it. */
  failure?: string;
}

const isWrite = (operation: Operation) => operation.method !== 'GET';

/** Sends one case and lists what its answer (and, for a refused write, the database) got wrong. */
async function check(
  environment: RunEnvironment,
  operation: Operation,
  fuzzCase: FuzzCase,
  before: Snapshot | undefined,
): Promise<{ faults: string[]; after?: Snapshot }> {
  const response = await sendRaw(environment.origin, fuzzCase.request);
  const faults = judge(response, { ...fuzzCase, jsonApi: operation.jsonApi });
  if (FUZZ_TRACE) console.log(`${response.status} ${operation.id} ${fuzzCase.label}`);
  if (!before || response.status < 400) return { faults };
  const after = await environment.snapshot();
  const changed = changedTables(before, after);
  if (changed.length > 0) {
    faults.push(`refused with ${response.status} but changed ${changed.join(', ')}`);
  }
  return { faults, after: response.status < 500 ? after : undefined };
}

function report(operation: Operation, details: fc.RunDetails<[FuzzCase]>): string | undefined {
  if (!details.failed || !details.counterexample) return undefined;
  const [fuzzCase] = details.counterexample;
  const body = fuzzCase.request.body?.toString('utf8').slice(0, 200);
  const error = String(details.errorInstance);
  return [
    `${operation.id}: ${fuzzCase.label}`,
    `  ${describeRequest(fuzzCase.request)} as ${fuzzCase.caller}${body ? ` with ${body}` : ''}`,
    `  ${error}`,
    `  replay: FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY='${operation.id}' (fast-check seed ${details.seed}, path ${details.counterexamplePath})`,
  ].join('\n');
}

/**
 * Throws the operation's generated cases at the app: its first `FUZZ_MIN_RUNS` whatever the time,
 * then the rest until `FUZZ_RUNS` or `timeLimitMs`. Writes are bracketed by database snapshots:
 * one refused (4xx) must leave every table as it was. A snapshot is reused until a request may
 * have written something, so a run of refusals costs one snapshot each.
 */
export async function fuzzOperation(
  environment: RunEnvironment,
  operation: Operation,
  timeLimitMs: number,
): Promise<OperationRun> {
  let runs = 0;
  let before: Snapshot | undefined;
  const property = fc.asyncProperty(casesFor({ ...environment, operation }), async (fuzzCase) => {
    runs += 1;
    if (isWrite(operation)) before ??= await environment.snapshot();
    const result = await check(environment, operation, fuzzCase, before);
    before = result.after;
    if (result.faults.length > 0) throw new Error(result.faults.join('; '));
  });
  const seed = seedFor(operation.id);
  const first = await fc.check(property, { seed, numRuns: FUZZ_MIN_RUNS });
  if (first.failed || FUZZ_MIN_RUNS === FUZZ_RUNS) {
    return { operation, runs, failure: report(operation, first) };
  }
  // The rest from a seed of its own: the same seed would generate the first cases again.
  const rest = await fc.check(property, {
    seed: seed ^ 1,
    numRuns: FUZZ_RUNS - FUZZ_MIN_RUNS,
    interruptAfterTimeLimit: timeLimitMs,
    markInterruptAsFailure: false,
  });
  return { operation, runs, failure: report(operation, rest) };
}
