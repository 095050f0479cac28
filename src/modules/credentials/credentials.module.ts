import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuthModule } from 'src/modules/auth/auth.module';
import { EventsModule } from 'src/modules/events/events.module';
import { RegistrationsModule } from 'src/modules/registrations/registrations.module';
import { AttendeeCredentialsController } from './attendee-credentials.controller';
import { CheckInSchema } from './check-in.entity';
import { CheckInsController } from './check-ins.controller';
import { CheckInsService } from './check-ins.service';
import { CredentialTypeSchema } from './credential-type.entity';
import { CredentialTypesController } from './credential-types.controller';
import { CredentialTypesService } from './credential-types.service';
import { CredentialSchema } from './credential.entity';
import { CredentialsCascadeListener } from './credentials-cascade.listener';
import { CredentialsEventBus } from './credentials.events';
import { CredentialsService } from './credentials.service';

/** Attendees' credentials (barcode, QR, RFID, NFC) and the scans at the door (seed 003). */
@Module({
  imports: [
    AuthModule,
    EventsModule,
    RegistrationsModule,
    MikroOrmModule.forFeature([CredentialTypeSchema, CredentialSchema, CheckInSchema]),
  ],
  controllers: [CredentialTypesController, AttendeeCredentialsController, CheckInsController],
  providers: [
    CheckInsService,
    CredentialsCascadeListener,
    CredentialsEventBus,
    CredentialsService,
    CredentialTypesService,
  ],
  exports: [CredentialsService, CredentialsEventBus],
})
export class CredentialsModule {}
