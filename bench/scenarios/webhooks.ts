import { setTimeout as sleep } from 'node:timers/promises';
import { one } from '../lib/database.ts';
import { percentile } from '../lib/load.ts';
import { call } from '../lib/turnout.ts';
import { BATCH_SIZE, batchOf, batchPath } from './batch.ts';
import type { CustomScenario, ScenarioContext } from './scenario.ts';

const pendingDeliveries = async ({ pool }: ScenarioContext) =>
  (
    await one<{ pending: number }>(
      pool,
      `select count(*)::int as pending from webhook_deliveries where status = 'PENDING'`,
    )
  ).pending;

/** Waits until `done()` or the deadline; answers whether it got there. */
async function until(done: () => boolean | Promise<boolean>, seconds: number): Promise<boolean> {
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    if (await done()) return true;
    await sleep(50);
  }
  return done();
}

/**
 * `attendee.created` webhooks to the local receiver: the deliveries left by earlier scenarios are
 * drained first, then batches of 1000 attendees are created one after the other through the API.
 * A batch's response follows its commit, so each delivery's lag is its arrival minus the arrival of
 * its batch's response (a slight underestimate of the commit-to-receipt lag, by the time Turnout
 * takes to render the response). Throughput: deliveries over the time from the first response to
 * the last arrival.
 */
export const webhooks: CustomScenario = {
  kind: 'custom',
  name: 'webhooks',
  summary: 'attendee.created deliveries to a local receiver, from batches of 1000 attendees',
  run: async (context) => {
    const { fixture, token, turnoutUrl, receiver, options } = context;
    if (!(await until(async () => (await pendingDeliveries(context)) === 0, 600))) {
      throw new Error('Earlier scenarios’ webhook deliveries did not drain in 10 minutes');
    }
    const committed = new Map<string, number>();
    for (let i = 0; i < options.webhookEvents / BATCH_SIZE; i++) {
      const { data } = await call<{ data: Array<{ id: string }> }>(
        turnoutUrl,
        'POST',
        batchPath(fixture),
        { token, body: batchOf(fixture, `webhooks-${i}`) },
      );
      const at = performance.now();
      for (const attendee of data) committed.set(attendee.id, at);
    }
    const ids = [...committed.keys()];
    const arrived = () => ids.filter((id) => receiver.arrivalOf(id) !== undefined).length;
    await until(() => arrived() === ids.length, options.mode === 'quick' ? 120 : 600);
    const lags = ids.flatMap((id) => {
      const at = receiver.arrivalOf(id);
      return at === undefined ? [] : [at - committed.get(id)!];
    });
    const first = Math.min(...committed.values());
    const last = Math.max(...ids.map((id) => receiver.arrivalOf(id) ?? 0));
    const missing = ids.length - lags.length;
    return {
      throughput: lags.length / ((last - first) / 1000),
      unit: 'deliveries/s',
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      errors: missing,
      note:
        `${lags.length} of ${ids.length} delivered ${((last - first) / 1000).toFixed(1)} s after the ` +
        `first batch's response; the batches took ${((Math.max(...committed.values()) - first) / 1000).toFixed(1)} s ` +
        'more to create; lag = arrival − batch response',
    };
  },
};
