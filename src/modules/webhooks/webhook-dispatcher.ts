import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EntityManager, ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import { postWebhook, type WebhookResponse } from '@turnout/common/webhooks/post-webhook';
import { nextAttemptDelay, parseRetryAfter } from '@turnout/common/webhooks/retry-schedule';
import { webhookHeaders } from '@turnout/common/webhooks/signing';
import { AppConfig } from 'src/config/app-config';
import { APP_VERSION } from 'src/app/version';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { type AttemptOutcome, WebhookMetrics } from './webhook-metrics';
import { WebhookSubscription } from './webhook-subscription.entity';

const USER_AGENT = `Turnout-Webhooks/${APP_VERSION}`;
const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 60_000;

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
    this.timer = setInterval(() => void this.tick(), this.config.webhooks.pollMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Looks for due deliveries now rather than at the next poll: called once a transaction that
   * wrote some has committed, and whenever a slot frees up while more may be waiting.
   */
  nudge(): void {
    if (!this.stopping) void this.tick();
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
    let claimed: string[];
    try {
      claimed = await this.claim(free);
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not claim webhook deliveries');
      return 0;
    }
    // Every slot filled: more are probably due, so each freed slot looks again at once.
    const backlog = claimed.length === free;
    for (const id of claimed) {
      const work = this.deliver(id)
        .catch((error: unknown) =>
          this.logger.error({ err: error, deliveryId: id }, 'Delivery crashed'),
        )
        .finally(() => {
          this.inFlight.delete(work);
          if (backlog) this.nudge();
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
      const rows = (await this.em
        .fork()
        .getConnection()
        .execute(
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

  private async claim(limit: number): Promise<string[]> {
    const rows = (await this.em
      .fork()
      .getConnection()
      .execute(
        `update webhook_deliveries set lease_expires_at = now() + (? * interval '1 second')
        where id in (
          select id from webhook_deliveries
           where status = 'PENDING' and next_attempt_at <= now()
             and (lease_expires_at is null or lease_expires_at < now())
           order by next_attempt_at
           limit ?
           for update skip locked)
        returning id`,
        [this.config.webhooks.leaseSeconds, limit],
      )) as Array<{ id: string }>;
    return rows.map((row) => row.id);
  }

  private async deliver(id: string): Promise<void> {
    const em = this.em.fork();
    const delivery = await em.findOneOrFail(WebhookDelivery, id, {
      populate: ['subscription', 'subscription.secret', 'subscription.previousSecret'],
    });
    const subscription = delivery.subscription.getEntity();
    if (!subscription.active) {
      delivery.status = 'FAILED';
      delivery.lastError = 'The subscription is disabled';
      delivery.completedAt = new Date();
      delivery.leaseExpiresAt = null;
      await em.flush();
      return;
    }
    const body = JSON.stringify(delivery.payload);
    const response = await postWebhook({
      url: subscription.url,
      body,
      timeoutMs: this.config.webhooks.timeoutMs,
      allowPrivateNetworks: this.config.webhooks.allowPrivateNetworks,
      headers: {
        ...webhookHeaders({
          id: delivery.id,
          timestamp: Math.floor(Date.now() / 1000),
          body,
          secrets: this.signingSecrets(subscription),
          userAgent: USER_AGENT,
        }),
      },
    });
    const outcome = this.record(em, delivery, subscription, response);
    try {
      await em.flush();
    } catch (error) {
      // Removed with its subscription while it was being sent: there is nothing left to record.
      if (error instanceof ForeignKeyConstraintViolationException) return;
      throw error;
    }
    this.metrics.attempted(outcome);
  }

  /** During a rotation the old secret signs too, until it expires. */
  private signingSecrets(subscription: WebhookSubscription): string[] {
    const previous =
      subscription.previousSecret &&
      subscription.previousSecretExpiresAt &&
      subscription.previousSecretExpiresAt > new Date()
        ? [subscription.previousSecret]
        : [];
    return [subscription.secret, ...previous];
  }

  private record(
    em: EntityManager,
    delivery: WebhookDelivery,
    subscription: WebhookSubscription,
    response: WebhookResponse,
  ): AttemptOutcome {
    const now = new Date();
    const { status } = response;
    const error =
      response.error ??
      (status !== null && (status < 200 || status > 299) ? `HTTP ${status}` : null);
    em.create(WebhookAttempt, {
      delivery,
      attemptedAt: now,
      responseStatus: status,
      latencyMs: Math.round(response.latencyMs),
      error: error?.slice(0, 1000) ?? null,
      responseBody: response.body || null,
    });
    Object.assign(delivery, {
      attempts: delivery.attempts + 1,
      lastAttemptAt: now,
      lastResponseStatus: status,
      lastError: error?.slice(0, 1000) ?? null,
      lastLatencyMs: Math.round(response.latencyMs),
      lastResponseBody: response.body || null,
      leaseExpiresAt: null,
    });
    if (!error) {
      delivery.status = 'SUCCEEDED';
      delivery.completedAt = now;
      subscription.failingSince = null;
      return 'succeeded';
    }
    if (status === 410) {
      this.disable(subscription, 'The receiver answered 410 Gone');
      delivery.status = 'FAILED';
      delivery.completedAt = now;
      return 'failed';
    }
    subscription.failingSince ??= now;
    const failingFor = now.getTime() - subscription.failingSince.getTime();
    if (failingFor >= this.config.webhooks.disableAfterDays * DAY_MS) {
      this.disable(
        subscription,
        `Every delivery failed for ${this.config.webhooks.disableAfterDays} days`,
      );
    }
    const retryAfter =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers['retry-after'], now)
        : null;
    const delay =
      retryAfter ?? nextAttemptDelay(delivery.attempts, this.config.webhooks.retryScheduleMs);
    if (delay === null || !subscription.active) {
      delivery.status = 'FAILED';
      delivery.completedAt = now;
      return 'failed';
    }
    delivery.nextAttemptAt = new Date(now.getTime() + delay);
    return 'retrying';
  }

  private disable(subscription: WebhookSubscription, reason: string): void {
    subscription.active = false;
    subscription.disabledReason = reason;
    this.logger.warn(
      { subscriptionId: subscription.id },
      `Webhook subscription disabled: ${reason}`,
    );
  }
}
