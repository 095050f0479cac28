import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuthModule } from 'src/modules/auth/auth.module';
import { AttendeeTypeSchema } from './attendee-type.entity';
import { AttendeeTypesService } from './attendee-types.service';
import { CategoriesController } from './categories.controller';
import { CategoriesService } from './categories.service';
import { CategorySchema } from './category.entity';
import { CustomFieldSchema } from './custom-field.entity';
import { CustomFieldsService } from './custom-fields.service';
import { EventManagerSchema } from './event-manager.entity';
import { EventDetailsRegistry } from './event-details.registry';
import { EventScopes } from './event-scopes';
import { EventSchema } from './event.entity';
import { EventsController } from './events.controller';
import { EventsEventBus } from './events.events';
import { EventsService } from './events.service';
import { GroupSchema } from './group.entity';
import { GroupsService } from './groups.service';
import { ManagersService } from './managers.service';
import { OccurrenceSchema } from './occurrence.entity';
import { OccurrencesController } from './occurrences.controller';
import { OccurrencesService } from './occurrences.service';
import { ProjectsService } from './projects.service';
import { SeatsService } from './seats.service';

/**
 * Events (signups, projects), their occurrences, categories and signup managers, and what a project
 * defines for its attendees: attendee types, custom fields and groups.
 */
@Module({
  imports: [
    AuthModule,
    MikroOrmModule.forFeature([
      EventSchema,
      OccurrenceSchema,
      CategorySchema,
      EventManagerSchema,
      AttendeeTypeSchema,
      CustomFieldSchema,
      GroupSchema,
    ]),
  ],
  controllers: [EventsController, OccurrencesController, CategoriesController],
  providers: [
    AttendeeTypesService,
    CategoriesService,
    CustomFieldsService,
    GroupsService,
    ProjectsService,
    EventDetailsRegistry,
    EventScopes,
    EventsEventBus,
    EventsService,
    ManagersService,
    OccurrencesService,
    SeatsService,
  ],
  exports: [
    AttendeeTypesService,
    CustomFieldsService,
    EventDetailsRegistry,
    EventsEventBus,
    EventsService,
    GroupsService,
    OccurrencesService,
    ProjectsService,
    SeatsService,
  ],
})
export class EventsModule {}
