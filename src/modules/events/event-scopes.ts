import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import {
  AccessService,
  type EventScope,
  type EventScopeSource,
} from 'src/modules/auth/access.service';
import { EventManager } from './event-manager.entity';
import { isUuid } from '@turnout/common/text/uuid';
import { sqlRows, Statement } from '@turnout/common/database/sql';

/** An event's signup managers, as a column of a query over `events e`. */
export const MANAGERS =
  'array(select m.user_id::text from event_managers m where m.event_id = e.id)';

interface ScopeRow {
  id: string;
  organization_id: string;
  status: string;
  managers: string[];
}

/** The scope of a GxP project by its team's and its own slug (every request of that API). */
const PROJECT_SCOPE = new Statement(
  'event-scope-of-project',
  `select e.id, e.organization_id, e.status, ${MANAGERS} as managers
     from events e
     join organizations o on o.id = e.organization_id
    where o.slug = ? and e.slug = ? and e.deleted_at is null`,
);

const toScope = (row: ScopeRow): EventScope => ({
  id: row.id,
  organizationId: row.organization_id,
  isPublic: row.status === 'PUBLISHED',
  managerUserIds: row.managers,
});

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

  /** In one query: every request that touches an event asks. */
  async describe(eventIds: readonly string[]): Promise<Map<string, EventScope>> {
    const ids = [...new Set(eventIds)].filter(isUuid);
    if (ids.length === 0) return new Map();
    const rows = await sqlRows<ScopeRow>(
      this.em,
      `select e.id, e.organization_id, e.status, ${MANAGERS} as managers
         from events e
        where e.id in (?) and e.deleted_at is null`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, toScope(row)]));
  }

  /**
   * The scope of the event `projectSlug` of the organization `teamSlug` (a GxP project), in one
   * query: projects are resolved on every request of that API.
   */
  async ofProject(teamSlug: string, projectSlug: string): Promise<EventScope | undefined> {
    const [row] = await sqlRows<ScopeRow>(this.em, PROJECT_SCOPE, [teamSlug, projectSlug]);
    return row && toScope(row);
  }

  async managedEventIds(userId: string): Promise<string[]> {
    const rows = await this.em.find(EventManager, { userId, event: { deletedAt: null } });
    return rows.map((row) => row.event.id);
  }
}
