import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Event } from './event.entity';
import { EventsError } from './events.error';
import { EventsEventBus } from './events.events';
import { Group } from './group.entity';

export interface GroupView {
  id: string;
  eventId: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type GroupInput = Partial<Pick<GroupView, 'name' | 'description'>>;

const toView = (group: Group): GroupView => ({
  id: group.id,
  eventId: group.event.id,
  name: group.name,
  description: group.description ?? null,
  createdAt: group.createdAt,
  updatedAt: group.updatedAt,
});

/** An event's groups. Who is in a group is kept on the attendee (attendees module). */
@Injectable()
export class GroupsService {
  constructor(
    private readonly em: EntityManager,
    private readonly bus: EventsEventBus,
  ) {}

  async list(eventId: string, window: { limit: number; offset: number }) {
    const [groups, total] = await this.em.findAndCount(
      Group,
      { event: eventId },
      { orderBy: { name: 'asc', id: 'asc' }, ...window },
    );
    return { items: groups.map(toView), total };
  }

  async get(eventId: string, id: string): Promise<GroupView> {
    return toView(await this.load(eventId, id));
  }

  async byIds(ids: readonly string[]): Promise<Map<string, GroupView>> {
    if (ids.length === 0) return new Map();
    const groups = await this.em.find(Group, { id: { $in: [...new Set(ids)] } });
    return new Map(groups.map((group) => [group.id, toView(group)]));
  }

  async create(eventId: string, input: GroupInput & { name: string }): Promise<GroupView> {
    const group = this.em.create(Group, { event: this.em.getReference(Event, eventId), ...input });
    await this.flushUnique();
    return toView(group);
  }

  async update(eventId: string, id: string, input: GroupInput): Promise<GroupView> {
    const group = await this.load(eventId, id);
    this.em.assign(group, input);
    await this.flushUnique();
    return toView(group);
  }

  /** Deletes the group; `group.deleted` lets the attendees module drop the memberships in the same transaction. */
  async remove(eventId: string, id: string): Promise<void> {
    await this.em.transactional(async (tx) => {
      const group = await tx.findOne(Group, { id, event: eventId });
      if (!group) throw new EventsError('group-not-found', `Group ${id} does not exist`);
      tx.remove(group);
      await tx.flush();
      await this.bus.emit('group.deleted', { eventId, groupId: id }, { em: tx });
    });
  }

  /** Which of these ids are groups of the event. */
  async existing(eventId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const groups = await this.em.find(
      Group,
      { id: { $in: [...new Set(ids)] }, event: eventId },
      { fields: ['id'] },
    );
    return new Set(groups.map((group) => group.id));
  }

  private async load(eventId: string, id: string): Promise<Group> {
    const group = await this.em.findOne(Group, { id, event: eventId });
    if (!group) throw new EventsError('group-not-found', `Group ${id} does not exist`);
    return group;
  }

  private async flushUnique(): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new EventsError('group-name-taken');
      }
      throw error;
    }
  }
}
