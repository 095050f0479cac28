import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AttendeeType } from './attendee-type.entity';
import { Event } from './event.entity';
import { EventsError } from './events.error';

export interface AttendeeTypeView {
  id: string;
  eventId: string;
  name: string;
  description: string | null;
  priceCents: number;
  priceCurrency: string;
  publiclyAvailable: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type AttendeeTypeInput = Partial<
  Pick<
    AttendeeTypeView,
    'name' | 'description' | 'priceCents' | 'priceCurrency' | 'publiclyAvailable'
  >
>;

const toView = (type: AttendeeType): AttendeeTypeView => ({
  id: type.id,
  eventId: type.event.id,
  name: type.name,
  description: type.description ?? null,
  priceCents: type.priceCents,
  priceCurrency: type.priceCurrency,
  publiclyAvailable: type.publiclyAvailable,
  createdAt: type.createdAt,
  updatedAt: type.updatedAt,
});

/** An event's attendee types. Attendees refer to them by id from another module, hence the locks below. */
@Injectable()
export class AttendeeTypesService {
  constructor(private readonly em: EntityManager) {}

  async list(
    eventId: string,
    window: { limit: number; offset: number },
  ): Promise<{ items: AttendeeTypeView[]; total: number }> {
    const [types, total] = await this.em.findAndCount(
      AttendeeType,
      { event: eventId },
      { orderBy: { name: 'asc', id: 'asc' }, ...window },
    );
    return { items: types.map(toView), total };
  }

  async get(eventId: string, id: string): Promise<AttendeeTypeView> {
    return toView(await this.load(this.em, eventId, id));
  }

  async byIds(ids: readonly string[]): Promise<Map<string, AttendeeTypeView>> {
    if (ids.length === 0) return new Map();
    const types = await this.em.find(AttendeeType, { id: { $in: [...new Set(ids)] } });
    return new Map(types.map((type) => [type.id, toView(type)]));
  }

  async create(eventId: string, input: AttendeeTypeInput & { name: string }) {
    const type = this.em.create(AttendeeType, {
      event: this.em.getReference(Event, eventId),
      ...input,
    });
    await this.flushUnique();
    return toView(type);
  }

  async update(eventId: string, id: string, input: AttendeeTypeInput) {
    const type = await this.load(this.em, eventId, id);
    this.em.assign(type, input);
    await this.flushUnique();
    return toView(type);
  }

  /**
   * Deletes a type nobody has. `inUse` is asked while the type's row is locked FOR UPDATE, and
   * `requireUsable` takes a share lock on it, so no attendee can be given the type meanwhile.
   */
  async remove(eventId: string, id: string, inUse: (tx: EntityManager) => Promise<boolean>) {
    await this.em.transactional(async (tx) => {
      const type = await this.load(tx, eventId, id, LockMode.PESSIMISTIC_WRITE);
      if (await inUse(tx)) {
        throw new EventsError('attendee-type-in-use', `Attendees still have ${type.name}`);
      }
      tx.remove(type);
      await tx.flush();
    });
  }

  /**
   * Inside the caller's transaction: the given types exist in the event, each share-locked until the
   * transaction ends (a concurrent delete waits). Answers the missing ids.
   */
  async lockForUse(tx: EntityManager, eventId: string, ids: readonly string[]): Promise<string[]> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const found = await tx.find(
      AttendeeType,
      { id: { $in: wanted }, event: eventId },
      { fields: ['id'], lockMode: LockMode.PESSIMISTIC_READ },
    );
    const present = new Set(found.map((type) => type.id));
    return wanted.filter((id) => !present.has(id));
  }

  private async load(em: EntityManager, eventId: string, id: string, lockMode?: LockMode) {
    const type = await em.findOne(AttendeeType, { id, event: eventId }, { lockMode });
    if (!type)
      throw new EventsError('attendee-type-not-found', `Attendee type ${id} does not exist`);
    return type;
  }

  private async flushUnique(): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new EventsError('attendee-type-name-taken');
      }
      throw error;
    }
  }
}
