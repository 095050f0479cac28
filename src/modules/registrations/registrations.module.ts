import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuthModule } from 'src/modules/auth/auth.module';
import { EventsModule } from 'src/modules/events/events.module';
import { AttendancesController } from './attendances.controller';
import { AttendancesService } from './attendances.service';
import { AttendeeDirectory } from './attendee-directory.service';
import { AttendeeSchema } from './attendee.entity';
import { BulkBookingService } from './bulk-booking.service';
import { CapacityListener } from './capacity.listener';
import { RegistrationEventBus } from './domain-event-bus';
import { EventRegistrationsController } from './event-registrations.controller';
import { EventRegistrationsService } from './event-registrations.service';
import { OfferExpiryWorker } from './offer-expiry.worker';
import { RegistrationSchema } from './registration.entity';
import { RegistrationsService } from './registrations.service';

/** The attendee lifecycle (capacity, waiting list, promotion) and its dialects: seed 000 and seed 002. */
@Module({
  imports: [
    AuthModule,
    EventsModule,
    MikroOrmModule.forFeature([AttendeeSchema, RegistrationSchema]),
  ],
  controllers: [AttendancesController, EventRegistrationsController],
  providers: [
    AttendeeDirectory,
    BulkBookingService,
    CapacityListener,
    AttendancesService,
    EventRegistrationsService,
    OfferExpiryWorker,
    RegistrationEventBus,
    RegistrationsService,
  ],
  exports: [
    AttendeeDirectory,
    BulkBookingService,
    EventRegistrationsService,
    RegistrationsService,
    RegistrationEventBus,
  ],
})
export class RegistrationsModule {}
