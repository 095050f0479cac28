import { setTimeout as sleep } from 'node:timers/promises';
import type { ScenarioContext } from '../scenarios/scenario.ts';
import { one } from './database.ts';

// Between runs: what one run set going must be over before the next one is measured.

/**
 * Waits for the requests cut off at the end of a warm-up (a measured run waits for all of its
 * answers): the server still works through them, and would slow down whatever runs next. A readiness check queues behind them for a database
 * connection (both servers' pools serve in order), so its success means the backlog is through.
 */
export async function settle(url: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  // Turnout's check gives up (503) after a few seconds in the queue: ask again until it answers.
  while (!(await fetch(`${url}/health/ready`)).ok && Date.now() < deadline) await sleep(200);
  await sleep(300);
}

/**
 * Waits until the webhook deliveries due are sent. Both servers' writes enqueue deliveries for the
 * enabled subscription, and Turnout's dispatcher sends them all (the baseline has none): a run's
 * deliveries go out during that run, and the next run starts once they are through.
 */
export async function drainDeliveries(context: ScenarioContext, log: (line: string) => void) {
  const started = Date.now();
  const due = async () =>
    (
      await one<{ due: number }>(
        context.pool,
        `select count(*)::int as due from webhook_deliveries where status = 'PENDING' and next_attempt_at <= now()`,
      )
    ).due;
  let left = await due();
  while (left > 0 && Date.now() - started < 600_000) {
    await sleep(250);
    left = await due();
  }
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 2) log(`  (waited ${seconds.toFixed(0)} s for webhook deliveries to drain)`);
}
