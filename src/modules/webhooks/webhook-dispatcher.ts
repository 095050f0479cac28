import { randomUUID } from 'node:crypto';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  closeWebhookConnections,
  postWebhook,
  type WebhookResponse,
} from '@turnout/common/webhooks/post-webhook';
import { nextAttemptDelay, parseRetryAfter } from '@turnout/common/webhooks/retry-schedule';
import { webhookHeaders } from '@turnout/common/webhooks/signing';
import { AppConfig } from 'src/config/app-config';
import { APP_VERSION } from 'src/app/version';
import { type AttemptOutcome, WebhookMetrics } from './webhook-metrics';
import { sqlRows } from '@turnout/common/database/sql';

const USER_AGENT = `Turnout-Webhooks/${APP_VERSION}`;
const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 60_000;

/** A leased delivery, with everything sending it takes (read in the claiming statement). */
interface ClaimedDelivery {
  id: string;
  /** The exact body to sign and send. */
  body: string;
  /** Attempts made before this one. */
  attempts: number;
  subscription: {
    id: string;
    url: string;
    active: boolean;
    secret: string;
    previousSecret: string | null;
    previousSecretExpiresAt: Date | null;
    failingSince: Date | null;
  };
}

/** What an attempt led to. */
interface Verdict {
  at: Date;
  outcome: AttemptOutcome;
  error: string | null;
  /** When to try again (`retrying` only). */
  nextAttemptAt: Date | null;
  /** The subscription's new state, only when it changes. */
  subscription: { failingSince: Date | null; disabledReason: string | null } | null;
}

interface ClaimedRow {
  id: string;
  payload: unknown;
  attempts: number;
  subscription_id: string;
  url: string;
  active: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | string | null;
  failing_since: Date | string | null;
}

const dateOrNull = (value: Date | string | null): Date | null =>
  value === null ? null : new Date(value);

function toClaimed(row: ClaimedRow): ClaimedDelivery {
  // Drivers hand jsonb back parsed (pg) or as text; either way the body sent is compact JSON.
  const payload: unknown = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
  return {
    id: row.id,
    body: JSON.stringify(payload),
    attempts: row.attempts,
    subscription: {
      id: row.subscription_id,
      url: row.url,
      active: row.active,
      secret: row.secret,
      previousSecret: row.previous_secret,
      previousSecretExpiresAt: dateOrNull(row.previous_secret_expires_at),
      failingSince: dateOrNull(row.failing_since),
    },
  };
}

/** During a rotation the old secret signs too, until it expires. */
function signingSecrets({
  secret,
  previousSecret,
  previousSecretExpiresAt,
}: ClaimedDelivery['subscription']): string[] {
  const previous =
    previousSecret && previousSecretExpiresAt && previousSecretExpiresAt > new Date()
      ? [previousSecret]
      : [];
  return [secret, ...previous];
}

/**
 * Sends due deliveries. Each tick claims a few with `FOR UPDATE SKIP LOCKED` and a lease, so
 * instances sharing the database never send the same attempt twice, and a delivery held by a
 * crashed instance is taken over once its lease runs out.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  /** The tick under way: ticks never overlap, or two could each fill the same free slots. */
  private ticking?: Promise<number>;
  private lastPrune = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly metrics: WebhookMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.webhooks.dispatch) {
      this.logger.log('Webhook deliveries are sent by another instance (WEBHOOK_DISPATCHER=false)');
      return;
    }
    this.timer = setInterval(() => void this.tick(), this.config.webhooks.pollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
    closeWebhookConnections();
  }

  /**
   * Looks for due deliveries now rather than at the next poll: called once a transaction that
   * wrote some has committed, and whenever a slot frees up while more may be waiting. On an
   * instance that does not dispatch (`WEBHOOK_DISPATCHER=false`) it does nothing: the dispatching
   * instance finds the deliveries at its next poll.
   */
  nudge(): void {
    if (this.config.webhooks.dispatch && !this.stopping) void this.tick();
  }

  /** Claims what the free slots can take and sends it; answers how many it claimed. */
  tick(): Promise<number> {
    this.ticking ??= this.claimAndSend().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async claimAndSend(): Promise<number> {
    const free = this.config.webhooks.concurrency - this.inFlight.size;
    if (this.stopping || free <= 0) return 0;
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune();
    let claimed: ClaimedDelivery[];
    try {
      claimed = await this.claim(free);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not claim webhook deliveries');
      return 0;
    }
    // Every slot filled: more are probably due, so once half the slots are free again they are
    // refilled at once, several deliveries to a claim rather than one.
    const backlog = claimed.length === free;
    const refillAt = Math.floor(this.config.webhooks.concurrency / 2);
    for (const delivery of claimed) {
      const work = this.deliver(delivery)
        .catch((error: unknown) =>
          this.logger.error({ err: error, deliveryId: delivery.id }, 'Delivery crashed'),
        )
        .finally(() => {
          this.inFlight.delete(work);
          if (backlog && this.inFlight.size <= refillAt) this.nudge();
        });
      this.inFlight.add(work);
    }
    return claimed.length;
  }

  /** Runs ticks until nothing is due and nothing is in flight (tests, and draining on demand). */
  async drain(): Promise<void> {
    while ((await this.tick()) > 0 || this.inFlight.size > 0) {
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Drops finished deliveries (and their attempts) older than the retention period, a slice at a time. */
  async prune(): Promise<number> {
    this.lastPrune = Date.now();
    try {
      const rows = (await this.execute(
        `delete from webhook_deliveries where id in (
           select id from webhook_deliveries
            where completed_at < now() - (? * interval '1 day') limit 5000)
         returning id`,
        [this.config.webhooks.retentionDays],
      )) as unknown[];
      return rows.length;
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not prune old webhook deliveries');
      return 0;
    }
  }

  /**
   * Leases up to `limit` due deliveries and reads, in the same statement, what sending them takes:
   * the body, the attempts so far, and the subscription (its URL, secrets and state).
   */
  private async claim(limit: number): Promise<ClaimedDelivery[]> {
    const rows = (await this.execute(
      `with claimed as (
         update webhook_deliveries set lease_expires_at = now() + (? * interval '1 second')
          where id in (
            select id from webhook_deliveries
             where status = 'PENDING' and next_attempt_at <= now()
               and (lease_expires_at is null or lease_expires_at < now())
             order by next_attempt_at
             limit ?
             for update skip locked)
         returning id, subscription_id, payload, attempts)
       select c.id, c.payload, c.attempts, s.id as subscription_id, s.url, s.active, s.secret,
              s.previous_secret, s.previous_secret_expires_at, s.failing_since
         from claimed c join webhook_subscriptions s on s.id = c.subscription_id`,
      [this.config.webhooks.leaseSeconds, limit],
    )) as ClaimedRow[];
    return rows.map(toClaimed);
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    if (!delivery.subscription.active) {
      await this.execute(
        `update webhook_deliveries
            set status = 'FAILED', last_error = 'The subscription is disabled',
                completed_at = now(), lease_expires_at = null
          where id = ?`,
        [delivery.id],
      );
      return;
    }
    const response = await postWebhook({
      url: delivery.subscription.url,
      body: delivery.body,
      timeoutMs: this.config.webhooks.timeoutMs,
      allowPrivateNetworks: this.config.webhooks.allowPrivateNetworks,
      headers: {
        ...webhookHeaders({
          id: delivery.id,
          timestamp: Math.floor(Date.now() / 1000),
          body: delivery.body,
          secrets: signingSecrets(delivery.subscription),
          userAgent: USER_AGENT,
        }),
      },
    });
    const verdict = this.judge(delivery, response);
    await this.record(delivery, response, verdict);
    this.metrics.attempted(verdict.outcome);
  }

  /** What an answer means: success, a retry (when), or the end; and for the subscription. */
  private judge(delivery: ClaimedDelivery, response: WebhookResponse): Verdict {
    const at = new Date();
    const { status } = response;
    const error = (
      response.error ??
      (status !== null && (status < 200 || status > 299) ? `HTTP ${status}` : null)
    )?.slice(0, 1000);
    const { failingSince } = delivery.subscription;
    const verdict = { at, error: error ?? null, nextAttemptAt: null, subscription: null };

    if (!error) {
      return {
        ...verdict,
        outcome: 'succeeded',
        subscription: failingSince ? { failingSince: null, disabledReason: null } : null,
      };
    }
    if (status === 410) {
      return {
        ...verdict,
        outcome: 'failed',
        subscription: { failingSince, disabledReason: 'The receiver answered 410 Gone' },
      };
    }
    const { disableAfterDays, retryScheduleMs } = this.config.webhooks;
    const since = failingSince ?? at;
    const disabledReason =
      at.getTime() - since.getTime() >= disableAfterDays * DAY_MS
        ? `Every delivery failed for ${disableAfterDays} days`
        : null;
    const subscription =
      disabledReason || !failingSince ? { failingSince: since, disabledReason } : null;
    const retryAfter =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers['retry-after'], at)
        : null;
    const delay = retryAfter ?? nextAttemptDelay(delivery.attempts + 1, retryScheduleMs);
    if (delay === null || disabledReason) return { ...verdict, outcome: 'failed', subscription };
    return {
      ...verdict,
      outcome: 'retrying',
      nextAttemptAt: new Date(at.getTime() + delay),
      subscription,
    };
  }

  /**
   * Records an attempt in one statement: the delivery's new state, the attempt for the log, and the
   * subscription's state when it changes. The delivery row is locked before the subscription's,
   * the order in which removing a subscription takes them, and a delivery removed with its
   * subscription while it was being sent records nothing.
   */
  private async record(
    delivery: ClaimedDelivery,
    response: WebhookResponse,
    verdict: Verdict,
  ): Promise<void> {
    const at = verdict.at.toISOString();
    const latencyMs = Math.round(response.latencyMs);
    const answer = response.body || null;
    const status = { succeeded: 'SUCCEEDED', failed: 'FAILED', retrying: 'PENDING' }[
      verdict.outcome
    ];
    const change = verdict.subscription;
    if (change?.disabledReason) {
      this.logger.warn(
        { subscriptionId: delivery.subscription.id },
        `Webhook subscription disabled: ${change.disabledReason}`,
      );
    }
    await this.execute(
      `with delivery as (
         update webhook_deliveries
            set attempts = attempts + 1, last_attempt_at = ?::timestamptz,
                last_response_status = ?, last_error = ?, last_latency_ms = ?,
                last_response_body = ?, status = ?,
                next_attempt_at = coalesce(?::timestamptz, next_attempt_at),
                completed_at = ?::timestamptz, lease_expires_at = null
          where id = ?
         returning id),
       attempt as (
         insert into webhook_attempts
                (id, delivery_id, attempted_at, response_status, latency_ms, error, response_body)
         select ?, id, ?::timestamptz, ?, ?, ?, ? from delivery)
       ${
         change
           ? `update webhook_subscriptions
                 set failing_since = ?::timestamptz, active = active and ?::text is null,
                     disabled_reason = coalesce(?, disabled_reason), updated_at = now()
               where id = ? and exists (select 1 from delivery)`
           : 'select 1'
       }`,
      [
        at,
        response.status,
        verdict.error,
        latencyMs,
        answer,
        status,
        verdict.nextAttemptAt?.toISOString() ?? null,
        status === 'PENDING' ? null : at,
        delivery.id,
        randomUUID(),
        at,
        response.status,
        latencyMs,
        verdict.error,
        answer,
        ...(change
          ? [
              change.failingSince?.toISOString() ?? null,
              change.disabledReason,
              change.disabledReason,
              delivery.subscription.id,
            ]
          : []),
      ],
    );
  }

  /** Raw SQL on a fresh context: the dispatcher never runs inside a request's transaction. */
  private execute(sql: string, params: unknown[]): Promise<unknown> {
    return sqlRows(this.em.fork(), sql, params);
  }
}
