import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { EntityManager } from '@mikro-orm/core';
import type { EventsEvents } from 'src/modules/events/events.events';
import { SeatsService } from 'src/modules/events/seats.service';
import { RegistrationsService } from './registrations.service';

/** A raised capacity frees seats: promote from the waiting list before the change is answered. */
@Injectable()
export class CapacityListener {
  constructor(
    private readonly em: EntityManager,
    private readonly seats: SeatsService,
    private readonly registrations: RegistrationsService,
  ) {}

  @OnEvent('event.capacity-raised', { promisify: true })
  async onCapacityRaised(target: EventsEvents['event.capacity-raised']): Promise<void> {
    await this.em.fork().transactional(async (tx) => {
      const bookable = await this.seats.bookable(tx, target);
      if (bookable) await this.registrations.promote(tx, bookable);
    });
  }
}
