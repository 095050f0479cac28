import { Injectable } from '@nestjs/common';
import { CheckConstraintViolationException, EntityManager } from '@mikro-orm/core';
import { AccessService } from 'src/modules/auth/access.service';
import type { AuthContext } from 'src/modules/auth/auth-context';
import type { CreateOccurrenceDto, OccurrenceDto, UpdateOccurrenceDto } from './dto/occurrence.dto';
import { Event } from './event.entity';
import { EventsError } from './events.error';
import { capacityRaised, EventsEventBus } from './events.events';
import { toOccurrenceDto } from './events.mapper';
import { Occurrence } from './occurrence.entity';

/** Occurrences of an event: read with the event, managed by whoever manages the event. */
@Injectable()
export class OccurrencesService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly bus: EventsEventBus,
  ) {}

  async list(auth: AuthContext | null, eventId: string): Promise<OccurrenceDto[]> {
    await this.access.requireEvent(auth, eventId, 'read');
    const occurrences = await this.em.find(
      Occurrence,
      { event: eventId },
      { orderBy: { startDate: 'asc', id: 'asc' } },
    );
    return occurrences.map(toOccurrenceDto);
  }

  async get(auth: AuthContext | null, eventId: string, id: string): Promise<OccurrenceDto> {
    await this.access.requireEvent(auth, eventId, 'read');
    return toOccurrenceDto(await this.find(eventId, id));
  }

  async create(
    auth: AuthContext,
    eventId: string,
    dto: CreateOccurrenceDto,
  ): Promise<OccurrenceDto> {
    await this.access.requireEvent(auth, eventId, 'manage');
    this.requirePeriod(dto.startDate, dto.endDate);
    const occurrence = this.em.create(Occurrence, {
      event: this.em.getReference(Event, eventId),
      startDate: dto.startDate,
      endDate: dto.endDate,
      capacity: dto.capacity ?? null,
    });
    await this.em.flush();
    return toOccurrenceDto(occurrence);
  }

  /** A raised capacity is announced in the same transaction: the waiting list gets the new seats first. */
  async update(
    auth: AuthContext,
    eventId: string,
    id: string,
    dto: UpdateOccurrenceDto,
  ): Promise<OccurrenceDto> {
    await this.access.requireEvent(auth, eventId, 'manage');
    return this.em.transactional(async (tx) => {
      const occurrence = await this.find(eventId, id, tx);
      const previousCapacity = occurrence.capacity;
      tx.assign(occurrence, dto);
      this.requirePeriod(occurrence.startDate, occurrence.endDate);
      try {
        await tx.flush();
      } catch (error) {
        // occurrences_seats_check: the database refuses a capacity below the seats held, atomically.
        if (error instanceof CheckConstraintViolationException) {
          throw new EventsError(
            'capacity-below-held',
            `${occurrence.seatsHeld} seat(s) are already held`,
          );
        }
        throw error;
      }
      if (capacityRaised(previousCapacity, occurrence.capacity)) {
        await this.bus.emit('event.capacity-raised', { eventId, occurrenceId: id }, { em: tx });
        await tx.refresh(occurrence);
      }
      return toOccurrenceDto(occurrence);
    });
  }

  async remove(auth: AuthContext, eventId: string, id: string): Promise<void> {
    await this.access.requireEvent(auth, eventId, 'manage');
    const removed = await this.em.nativeDelete(Occurrence, { id, event: eventId, seatsHeld: 0 });
    if (removed === 0) {
      await this.find(eventId, id);
      throw new EventsError(
        'occurrence-has-registrations',
        'Cancel or move its registrations first',
      );
    }
  }

  /** Facade for other modules: occurrences by id. */
  async byIds(ids: readonly string[]): Promise<Map<string, OccurrenceDto>> {
    const unique = [...new Set(ids)];
    const occurrences = unique.length
      ? await this.em.find(Occurrence, { id: { $in: unique } })
      : [];
    return new Map(occurrences.map((occurrence) => [occurrence.id, toOccurrenceDto(occurrence)]));
  }

  private async find(
    eventId: string,
    id: string,
    em: EntityManager = this.em,
  ): Promise<Occurrence> {
    const occurrence = await em.findOne(Occurrence, { id, event: eventId });
    if (!occurrence)
      throw new EventsError('occurrence-not-found', `Occurrence ${id} does not exist`);
    return occurrence;
  }

  private requirePeriod(startDate: Date, endDate: Date): void {
    if (endDate < startDate)
      throw new EventsError('invalid-period', 'endDate must not be before startDate');
  }
}
