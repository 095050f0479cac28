import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { type EmitContext, TRANSACTIONAL_LISTENER } from '@turnout/common/events/typed-event-bus';
import type { EventsEvents } from 'src/modules/events/events.events';
import { SeatsService } from 'src/modules/events/seats.service';
import { RegistrationsService } from './registrations.service';

/** A raised capacity frees seats: promote from the waiting list in the same transaction as the change. */
@Injectable()
export class CapacityListener {
  constructor(
    private readonly seats: SeatsService,
    private readonly registrations: RegistrationsService,
  ) {}

  @OnEvent('event.capacity-raised', TRANSACTIONAL_LISTENER)
  async onCapacityRaised(
    target: EventsEvents['event.capacity-raised'],
    { em }: EmitContext,
  ): Promise<void> {
    const bookable = await this.seats.bookable(em, target);
    if (bookable) await this.registrations.promote(em, bookable);
  }
}
