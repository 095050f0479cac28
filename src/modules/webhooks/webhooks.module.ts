import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AttendeesModule } from 'src/modules/attendees/attendees.module';
import { AuthModule } from 'src/modules/auth/auth.module';
import { EventsModule } from 'src/modules/events/events.module';
import { MetricsModule } from 'src/modules/metrics/metrics.module';
import { RegistrationsModule } from 'src/modules/registrations/registrations.module';
import { WebhookAttemptSchema } from './webhook-attempt.entity';
import { WebhookDeliverySchema } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookOutboxListener } from './webhook-outbox.listener';
import { WebhookPayloads } from './webhook-payloads';
import { WebhookSubscriptionSchema } from './webhook-subscription.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Signed webhooks: subscriptions, a transactional outbox fed by the domain events, and a
 * dispatcher that delivers with retries, safe across several instances.
 */
@Module({
  imports: [
    AuthModule,
    EventsModule,
    MetricsModule,
    RegistrationsModule,
    AttendeesModule,
    MikroOrmModule.forFeature([
      WebhookSubscriptionSchema,
      WebhookDeliverySchema,
      WebhookAttemptSchema,
    ]),
  ],
  controllers: [WebhooksController],
  providers: [
    WebhookDispatcher,
    WebhookMetrics,
    WebhookOutbox,
    WebhookOutboxListener,
    WebhookPayloads,
    WebhooksService,
  ],
  exports: [WebhookDispatcher],
})
export class WebhooksModule {}
