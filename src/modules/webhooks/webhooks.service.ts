import { Injectable } from '@nestjs/common';
import { EntityManager, type FilterQuery } from '@mikro-orm/core';
import { type Page, pageWindow, toPage } from '@turnout/common/pagination/page-query.dto';
import { validateWebhookUrl } from '@turnout/common/webhooks/safe-target';
import { generateWebhookSecret } from '@turnout/common/webhooks/signing';
import { AccessService } from 'src/modules/auth/access.service';
import { type AuthContext, isAdmin, managesOrganization } from 'src/modules/auth/auth-context';
import { AppConfig } from 'src/config/app-config';
import type {
  CreateWebhookDto,
  DeliveryDto,
  DeliveryQueryDto,
  UpdateWebhookDto,
  WebhookDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { TEST_EVENT_TYPE } from './webhook-event-types';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhooksError } from './webhooks.error';

const toDto = (s: WebhookSubscription): WebhookDto => ({
  id: s.id,
  organizationId: s.organizationId,
  eventId: s.eventId ?? null,
  url: s.url,
  events: s.events,
  description: s.description ?? null,
  active: s.active,
  disabledReason: s.disabledReason ?? null,
  failingSince: s.failingSince ?? null,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

const HOUR_MS = 3_600_000;

/**
 * Webhook subscriptions: organizers (and organizer API keys) of the organization and Admins manage
 * them all; a signup manager manages those scoped to an event they manage. Read-only keys read.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly config: AppConfig,
    private readonly outbox: WebhookOutbox,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async create(auth: AuthContext, dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    this.requireAllowedUrl(dto.url);
    const organizationId = await this.organizationFor(auth, dto);
    const subscription = this.em.create(WebhookSubscription, {
      organizationId,
      eventId: dto.eventId ?? null,
      url: dto.url,
      events: [...new Set(dto.events)],
      description: dto.description ?? null,
      active: dto.active ?? true,
      secret: generateWebhookSecret(),
      createdByUserId: auth.userId,
    });
    await this.em.flush();
    return { ...toDto(subscription), secret: subscription.secret };
  }

  async list(
    auth: AuthContext,
    query: { page: number; perPage: number },
  ): Promise<Page<WebhookDto>> {
    const where: FilterQuery<WebhookSubscription>[] = [];
    if (!isAdmin(auth)) {
      const managed = await this.access.managedEventIds(auth);
      const scopes: FilterQuery<WebhookSubscription>[] = [{ eventId: { $in: managed } }];
      if (
        auth.organizationId &&
        (managesOrganization(auth, auth.organizationId) || auth.readOnly)
      ) {
        scopes.push({ organizationId: auth.organizationId });
      }
      where.push({ $or: scopes });
    }
    const [subscriptions, total] = await this.em.findAndCount(
      WebhookSubscription,
      { $and: where },
      { orderBy: { createdAt: 'desc', id: 'asc' }, ...pageWindow(query) },
    );
    return toPage(subscriptions.map(toDto), total, query);
  }

  async get(auth: AuthContext, id: string): Promise<WebhookDto> {
    return toDto(await this.require(auth, id, 'read'));
  }

  async update(auth: AuthContext, id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    const subscription = await this.require(auth, id, 'manage');
    if (dto.url !== undefined) this.requireAllowedUrl(dto.url);
    this.em.assign(subscription, {
      ...dto,
      ...(dto.events ? { events: [...new Set(dto.events)] } : {}),
      ...(dto.active ? { disabledReason: null, failingSince: null } : {}),
    });
    await this.em.flush();
    return toDto(subscription);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    const subscription = await this.require(auth, id, 'manage');
    // Deliveries first, then the subscription: the order in which the dispatcher locks them when
    // it records an attempt, so a delivery in flight cannot deadlock the removal.
    await this.em.transactional(async (tx) => {
      await tx.nativeDelete(WebhookDelivery, { subscription: subscription.id });
      await tx.nativeDelete(WebhookSubscription, { id: subscription.id });
    });
  }

  /** A new secret; the old one keeps signing beside it for WEBHOOK_ROTATION_HOURS. */
  async rotateSecret(auth: AuthContext, id: string): Promise<WebhookWithSecretDto> {
    const subscription = await this.require(auth, id, 'manage', true);
    subscription.previousSecret = subscription.secret;
    subscription.previousSecretExpiresAt = new Date(
      Date.now() + this.config.webhooks.rotationHours * HOUR_MS,
    );
    subscription.secret = generateWebhookSecret();
    await this.em.flush();
    return { ...toDto(subscription), secret: subscription.secret };
  }

  /** Queues a `webhook.test` delivery now, whatever the subscription listens to. */
  async sendTest(auth: AuthContext, id: string): Promise<DeliveryDto> {
    const subscription = await this.require(auth, id, 'manage');
    const delivery = this.outbox.insert(this.em, subscription, TEST_EVENT_TYPE, {
      type: TEST_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      data: { subscription_id: subscription.id, message: 'This is a test delivery from Turnout' },
    });
    await this.em.flush();
    this.dispatcher.nudge();
    return this.toDeliveryDto(delivery, []);
  }

  async deliveries(
    auth: AuthContext,
    id: string,
    query: DeliveryQueryDto,
  ): Promise<Page<DeliveryDto>> {
    const subscription = await this.require(auth, id, 'read');
    const [deliveries, total] = await this.em.findAndCount(
      WebhookDelivery,
      {
        subscription,
        ...(query.status ? { status: query.status } : {}),
        ...(query.eventType ? { eventType: query.eventType } : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'asc' }, ...pageWindow(query) },
    );
    const attempts = deliveries.length
      ? await this.em.find(
          WebhookAttempt,
          { delivery: { $in: deliveries.map((d) => d.id) } },
          { orderBy: { attemptedAt: 'asc' } },
        )
      : [];
    return toPage(
      deliveries.map((delivery) =>
        this.toDeliveryDto(
          delivery,
          attempts.filter((attempt) => attempt.delivery.id === delivery.id),
        ),
      ),
      total,
      query,
    );
  }

  /** Sends a delivery again, now, with the same `webhook-id` (receivers deduplicate on it). */
  async redeliver(auth: AuthContext, id: string, deliveryId: string): Promise<DeliveryDto> {
    const subscription = await this.require(auth, id, 'manage');
    const delivery = await this.em.findOne(WebhookDelivery, { id: deliveryId, subscription });
    if (!delivery)
      throw new WebhooksError('delivery-not-found', `Delivery ${deliveryId} does not exist`);
    Object.assign(delivery, {
      status: 'PENDING',
      nextAttemptAt: new Date(),
      leaseExpiresAt: null,
      completedAt: null,
    });
    await this.em.flush();
    this.dispatcher.nudge();
    return this.toDeliveryDto(delivery, []);
  }

  private toDeliveryDto(delivery: WebhookDelivery, attempts: WebhookAttempt[]): DeliveryDto {
    return {
      id: delivery.id,
      eventType: delivery.eventType,
      status: delivery.status,
      attempts: delivery.attempts,
      nextAttemptAt: delivery.status === 'PENDING' ? (delivery.nextAttemptAt ?? null) : null,
      createdAt: delivery.createdAt,
      completedAt: delivery.completedAt ?? null,
      payload: delivery.payload,
      attemptLog: attempts.map((attempt) => ({
        attemptedAt: attempt.attemptedAt,
        responseStatus: attempt.responseStatus ?? null,
        latencyMs: attempt.latencyMs,
        error: attempt.error ?? null,
        responseBody: attempt.responseBody ?? null,
      })),
    };
  }

  private requireAllowedUrl(url: string): void {
    const reason = validateWebhookUrl(url, {
      allowHttp: this.config.webhooks.allowHttp,
      allowPrivateNetworks: this.config.webhooks.allowPrivateNetworks,
    });
    if (reason) {
      throw new WebhooksError('invalid-url', reason, {
        errors: [{ pointer: '/url', message: reason }],
      });
    }
  }

  /** Whose subscription this is: the event's organization, or the caller's (an Admin names it). */
  private async organizationFor(auth: AuthContext, dto: CreateWebhookDto): Promise<string> {
    if (dto.eventId) {
      const scope = await this.access.requireEvent(auth, dto.eventId, 'manage');
      return scope.organizationId;
    }
    const organizationId = dto.organizationId ?? auth.organizationId;
    if (!organizationId) {
      throw new WebhooksError('organization-required', 'Admins must name the organizationId');
    }
    this.access.requireOrganizationManager(
      auth,
      organizationId,
      () =>
        new WebhooksError('organization-required', `Organization ${organizationId} is not yours`),
    );
    return organizationId;
  }

  /** The subscription if the caller may read (or manage) it; 404 otherwise, so ids don't leak. */
  private async require(
    auth: AuthContext,
    id: string,
    action: 'read' | 'manage',
    withSecret = false,
  ): Promise<WebhookSubscription> {
    const subscription = await this.em.findOne(
      WebhookSubscription,
      { id },
      withSecret ? { populate: ['secret'] } : {},
    );
    const notFound = () => new WebhooksError('webhook-not-found', `Webhook ${id} does not exist`);
    if (!subscription) throw notFound();
    if (isAdmin(auth)) return subscription;
    const ownOrganization = auth.organizationId === subscription.organizationId;
    if (
      ownOrganization &&
      (managesOrganization(auth, subscription.organizationId) ||
        (action === 'read' && auth.readOnly))
    ) {
      return subscription;
    }
    if (subscription.eventId) {
      const scope = await this.access.eventScope(subscription.eventId);
      if (scope && this.access.canManageEvent(auth, scope)) return subscription;
    }
    throw notFound();
  }
}
