import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuthModule } from 'src/modules/auth/auth.module';
import { EventsModule } from 'src/modules/events/events.module';
import { AttendeeSchema } from './attendee.entity';
import { RegistrationEventBus } from './domain-event-bus';
import { OfferExpiryWorker } from './offer-expiry.worker';
import { RegistrationSchema } from './registration.entity';
import { RegistrationsService } from './registrations.service';

/** The attendee lifecycle (capacity, waiting list, promotion) and its dialects: seed 000 and seed 002. */
@Module({
  imports: [AuthModule, EventsModule, MikroOrmModule.forFeature([AttendeeSchema, RegistrationSchema])],
  controllers: [],
  providers: [OfferExpiryWorker, RegistrationEventBus, RegistrationsService],
  exports: [RegistrationsService, RegistrationEventBus],
})
export class RegistrationsModule {}
