import { Module } from '@nestjs/common';
import { AuthModule } from 'src/modules/auth/auth.module';
import { CredentialsModule } from 'src/modules/credentials/credentials.module';
import { EventsModule } from 'src/modules/events/events.module';
import { RegistrationsModule } from 'src/modules/registrations/registrations.module';
import { AttendeeBatchService } from './attendee-batch.service';
import { AttendeeEventsListener } from './attendee-events.listener';
import { AttendeesEventBus } from './attendee.events';
import { GroupMembersService } from './group-members.service';
import { ProjectAttendeesController } from './project-attendees.controller';
import { ProjectAttendeesService } from './project-attendees.service';
import {
  AttendeeTypesController,
  CustomFieldsController,
  GroupsController,
} from './project-setup.controller';
import { ProjectSetupService } from './project-setup.service';
import { SignupsController } from './signups.controller';
import { SignupsService } from './signups.service';

/**
 * Attendee profiles (custom field answers, attendee types, groups, emergency contacts), the search
 * DSL and batches, served as the GxP project API (seed 003) and Planning Center's signups API in
 * JSON:API (seed 001); raises `attendee.*` for every change.
 */
@Module({
  imports: [AuthModule, EventsModule, RegistrationsModule, CredentialsModule],
  controllers: [
    ProjectAttendeesController,
    AttendeeTypesController,
    CustomFieldsController,
    GroupsController,
    SignupsController,
  ],
  providers: [
    AttendeeBatchService,
    AttendeeEventsListener,
    AttendeesEventBus,
    GroupMembersService,
    ProjectAttendeesService,
    ProjectSetupService,
    SignupsService,
  ],
  exports: [AttendeesEventBus, ProjectAttendeesService],
})
export class AttendeesModule {}
