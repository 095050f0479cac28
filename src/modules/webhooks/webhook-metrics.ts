import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from 'src/modules/metrics/metrics.service';
import { sqlRows } from '@turnout/common/database/sql';

/** What became of one delivery attempt. */
export type AttemptOutcome = 'succeeded' | 'retrying' | 'failed';

/**
 * The webhook figures on `/metrics`:
 *
 * - `webhook_deliveries_total{outcome}`: attempts made by this instance, by what they led to
 *   (`succeeded`; `retrying`, a failure that will be tried again; `failed`, the delivery's last);
 * - `webhook_queue_depth` and `webhook_oldest_pending_seconds`: the deliveries waiting (due or
 *   scheduled for a retry) and the age of the oldest, read from the database at each scrape, so
 *   every instance reports the same shared queue.
 */
@Injectable()
export class WebhookMetrics {
  private readonly attempts: Counter<'outcome'>;

  constructor(metrics: MetricsService, em: EntityManager) {
    const registers = [metrics.registry];
    this.attempts = new Counter({
      name: 'webhook_deliveries_total',
      help: 'Webhook delivery attempts made by this instance, by outcome (succeeded, retrying, failed)',
      labelNames: ['outcome'] as const,
      registers,
    });
    // Both gauges come from one query: prom-client collects them concurrently, so they share it.
    let reading: Promise<{ depth: number; age: number }> | undefined;
    const read = () =>
      (reading ??= readQueue(em).finally(() => {
        reading = undefined;
      }));
    new Gauge({
      name: 'webhook_queue_depth',
      help: 'Webhook deliveries waiting to be sent (due now or scheduled for a retry)',
      registers,
      async collect() {
        this.set((await read()).depth);
      },
    });
    new Gauge({
      name: 'webhook_oldest_pending_seconds',
      help: 'Age in seconds of the oldest webhook delivery still waiting (0 when none)',
      registers,
      async collect() {
        this.set((await read()).age);
      },
    });
  }

  attempted(outcome: AttemptOutcome): void {
    this.attempts.inc({ outcome });
  }
}

/** The shared queue, as the partial index of pending deliveries sees it. */
async function readQueue(em: EntityManager): Promise<{ depth: number; age: number }> {
  // A fork: a fresh context, whatever request or transaction the scrape happens in.
  const rows = await sqlRows<{ depth: string; age: number }>(
    em.fork(),
    `select count(*) as depth,
            coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
       from webhook_deliveries where status = 'PENDING'`,
  );
  const [row] = rows;
  return { depth: Number(row.depth), age: Number(row.age) };
}
