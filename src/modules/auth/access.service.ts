import { Injectable } from '@nestjs/common';
import { type AuthContext, isAdmin, managesOrganization } from './auth-context';
import { AccessError } from './auth.error';

/**
 * `read`: see the event (published ones: anyone). `inspect`: see what its managers see (attendee
 * lists, signup managers), which read-only keys of its organization may do too. `manage`: change it.
 */
export type EventAction = 'read' | 'inspect' | 'manage';

/** What the AccessService needs to know about an event to decide who may touch it. */
export interface EventScope {
  id: string;
  organizationId: string;
  /** Published events are readable by anyone. */
  isPublic: boolean;
  managerUserIds: readonly string[];
}

/** Provided by the events module, which owns events and their signup managers. */
export interface EventScopeSource {
  describe(eventIds: readonly string[]): Promise<Map<string, EventScope>>;
  /** Ids of the (not deleted) events this user is a signup manager of. */
  managedEventIds(userId: string): Promise<string[]>;
}

/**
 * The one place that answers "may this caller touch this event?" for every module. Out of reach
 * answers 404 (ids don't leak); readable but beyond the caller's role answers 403.
 */
@Injectable()
export class AccessService {
  private events?: EventScopeSource;

  /** Called once by the events module at start-up. */
  registerEventScopes(source: EventScopeSource): void {
    this.events = source;
  }

  private get eventSource(): EventScopeSource {
    if (!this.events) throw new Error('No EventScopeSource registered (is EventsModule imported?)');
    return this.events;
  }

  canManageEvent(auth: AuthContext | null, scope: EventScope): boolean {
    if (auth?.readOnly) return false;
    if (managesOrganization(auth, scope.organizationId)) return true;
    return auth?.userId != null && scope.managerUserIds.includes(auth.userId);
  }

  canInspectEvent(auth: AuthContext | null, scope: EventScope): boolean {
    if (isAdmin(auth)) return true;
    if (auth?.readOnly && auth.organizationId === scope.organizationId) return true;
    return this.canManageEvent(auth, scope);
  }

  canReadEvent(auth: AuthContext | null, scope: EventScope): boolean {
    return scope.isPublic || this.canInspectEvent(auth, scope);
  }

  private allows(auth: AuthContext | null, scope: EventScope, action: EventAction): boolean {
    if (action === 'read') return this.canReadEvent(auth, scope);
    return action === 'inspect'
      ? this.canInspectEvent(auth, scope)
      : this.canManageEvent(auth, scope);
  }

  /**
   * The event's scope if the caller may perform `action` on it; otherwise a 404 or 403 problem.
   * `conceal` answers 404 for anything the caller may not do, for surfaces whose very existence
   * is for the event's managers only (the GxP project API).
   */
  async requireEvent(
    auth: AuthContext | null,
    eventId: string,
    action: EventAction,
    options: { conceal?: boolean } = {},
  ): Promise<EventScope> {
    return this.checkEvent(auth, eventId, await this.eventScope(eventId), action, options);
  }

  /** `requireEvent`'s decision over a scope the caller looked up itself (undefined: none). */
  checkEvent(
    auth: AuthContext | null,
    eventId: string,
    scope: EventScope | undefined,
    action: EventAction,
    { conceal = false }: { conceal?: boolean } = {},
  ): EventScope {
    if (
      !scope ||
      !this.canReadEvent(auth, scope) ||
      (conceal && !this.canInspectEvent(auth, scope))
    ) {
      throw new AccessError('event-not-found', `Event ${eventId} does not exist`);
    }
    if (!this.allows(auth, scope, action)) {
      throw new AccessError('not-allowed', `You may not ${action} this event`);
    }
    return scope;
  }

  /**
   * The event's scope, for callers that weigh several rules against one lookup (can the caller
   * manage it, or is it their own attendance?); undefined when the event does not exist.
   */
  async eventScope(eventId: string): Promise<EventScope | undefined> {
    return (await this.eventSource.describe([eventId])).get(eventId);
  }

  /** Events the caller manages as a signup manager (not through their organization). */
  managedEventIds(auth: AuthContext | null): Promise<string[]> {
    return auth?.userId ? this.eventSource.managedEventIds(auth.userId) : Promise.resolve([]);
  }

  /** Throws unless the caller may manage things of this organization (403 if they belong to it, else 404). */
  requireOrganizationManager(
    auth: AuthContext | null,
    organizationId: string,
    notFound: () => Error,
  ): void {
    if (!auth?.readOnly && managesOrganization(auth, organizationId)) return;
    if (auth?.organizationId === organizationId) {
      throw new AccessError('not-allowed', 'Only organizers of this organization may do this');
    }
    throw notFound();
  }
}
