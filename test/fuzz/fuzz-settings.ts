/**
 * How much fuzzing a run does. The defaults keep `npm test` quick and repeatable; a longer hunt
 * raises them, e.g. `FUZZ_RUNS=400 FUZZ_BUDGET_MS=900000`, and a failure is replayed with the
 * `FUZZ_SEED` (and `FUZZ_ONLY`) it prints.
 */
function fromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number (got ${JSON.stringify(raw)})`);
  }
  return value;
}

export const FUZZ_SEED = fromEnv('FUZZ_SEED', 20_261_121);
/** Generated requests per operation. */
export const FUZZ_RUNS = fromEnv('FUZZ_RUNS', 40);
/**
 * Generated requests every operation gets whatever the clock says: the budget below only cuts the
 * rest, so a stalled moment on a busy machine cannot leave an operation untested.
 */
export const FUZZ_MIN_RUNS = Math.min(fromEnv('FUZZ_MIN_RUNS', 5), FUZZ_RUNS);
/**
 * Wall-clock cap over all operations, a safety net for slow machines: runs past each operation's
 * minimum stop early, never fail. An operation that finishes early leaves its time to the others.
 */
export const FUZZ_BUDGET_MS = fromEnv('FUZZ_BUDGET_MS', 60_000);
/** Log every generated request's status and label (`FUZZ_TRACE=1`), to see what a run covers. */
export const FUZZ_TRACE = !!process.env.FUZZ_TRACE;
/** Only the operations whose id (`PATCH /api/events/{id}`) contains this text. */
export const FUZZ_ONLY = process.env.FUZZ_ONLY ?? '';

/** A seed per operation, so replaying one does not depend on the others running first. */
export function seedFor(operationId: string): number {
  let hash = FUZZ_SEED | 0;
  for (const char of operationId) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619);
  return hash | 0;
}
