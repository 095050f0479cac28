import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  AccessService,
  type EventScope,
  type EventScopeSource,
} from 'src/modules/auth/access.service';
import { EventManager } from './event-manager.entity';
import { Event } from './event.entity';
import { isUuid } from '@turnout/common/text/uuid';

/** Tells the AccessService which organization owns an event, whether it is public, and who manages it. */
@Injectable()
export class EventScopes implements EventScopeSource, OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  onModuleInit(): void {
    this.access.registerEventScopes(this);
  }

  async describe(eventIds: readonly string[]): Promise<Map<string, EventScope>> {
    const ids = [...new Set(eventIds)].filter(isUuid);
    if (ids.length === 0) return new Map();
    const events = await this.em.find(Event, { id: { $in: ids }, deletedAt: null });
    const managers = await this.em.find(EventManager, { event: { $in: ids } });
    return new Map(
      events.map((event) => [
        event.id,
        {
          id: event.id,
          organizationId: event.organizationId,
          isPublic: event.status === 'PUBLISHED',
          managerUserIds: managers.filter((m) => m.event.id === event.id).map((m) => m.userId),
        },
      ]),
    );
  }

  /**
   * The scope of the event `projectSlug` of the organization `teamSlug` (a GxP project), in one
   * query: projects are resolved on every request of that API.
   */
  async ofProject(teamSlug: string, projectSlug: string): Promise<EventScope | undefined> {
    const [row] = (await this.em.getConnection().execute(
      `select e.id, e.organization_id, e.status,
              coalesce(json_agg(m.user_id) filter (where m.user_id is not null), '[]') as managers
         from events e
         join organizations o on o.id = e.organization_id
         left join event_managers m on m.event_id = e.id
        where o.slug = ? and e.slug = ? and e.deleted_at is null
        group by e.id`,
      [teamSlug, projectSlug],
      'all',
      // Inside a transaction (on PGlite's one connection above all), read through it.
      this.em.getTransactionContext(),
    )) as Array<{ id: string; organization_id: string; status: string; managers: string[] }>;
    return (
      row && {
        id: row.id,
        organizationId: row.organization_id,
        isPublic: row.status === 'PUBLISHED',
        managerUserIds: row.managers,
      }
    );
  }

  async managedEventIds(userId: string): Promise<string[]> {
    const rows = await this.em.find(EventManager, { userId, event: { deletedAt: null } });
    return rows.map((row) => row.event.id);
  }
}
