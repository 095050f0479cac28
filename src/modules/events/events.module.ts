import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuthModule } from 'src/modules/auth/auth.module';
import { CategoriesController } from './categories.controller';
import { CategoriesService } from './categories.service';
import { CategorySchema } from './category.entity';
import { EventManagerSchema } from './event-manager.entity';
import { EventDetailsRegistry } from './event-details.registry';
import { EventScopes } from './event-scopes';
import { EventSchema } from './event.entity';
import { EventsController } from './events.controller';
import { EventsEventBus } from './events.events';
import { EventsService } from './events.service';
import { ManagersService } from './managers.service';
import { OccurrenceSchema } from './occurrence.entity';
import { OccurrencesController } from './occurrences.controller';
import { OccurrencesService } from './occurrences.service';
import { SeatsService } from './seats.service';

/** Events (signups, projects), their occurrences, categories and signup managers. */
@Module({
  imports: [
    AuthModule,
    MikroOrmModule.forFeature([EventSchema, OccurrenceSchema, CategorySchema, EventManagerSchema]),
  ],
  controllers: [EventsController, OccurrencesController, CategoriesController],
  providers: [
    CategoriesService,
    EventDetailsRegistry,
    EventScopes,
    EventsEventBus,
    EventsService,
    ManagersService,
    OccurrencesService,
    SeatsService,
  ],
  exports: [EventDetailsRegistry, EventsService, OccurrencesService, SeatsService],
})
export class EventsModule {}
