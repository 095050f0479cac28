import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { AccessService } from 'src/modules/auth/access.service';
import { type AuthContext, managesOrganization } from 'src/modules/auth/auth-context';
import { UsersService } from 'src/modules/auth/users.service';
import type { EventManagerDto } from './dto/event-manager.dto';
import { EventManager } from './event-manager.entity';
import { Event } from './event.entity';
import { EventsError } from './events.error';

/** Signup managers: the event's organizers (and Admins) appoint them; managers may see each other. */
@Injectable()
export class ManagersService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly users: UsersService,
  ) {}

  async list(auth: AuthContext, eventId: string): Promise<EventManagerDto[]> {
    await this.access.requireEvent(auth, eventId, 'inspect');
    const managers = await this.em.find(
      EventManager,
      { event: eventId },
      { orderBy: { createdAt: 'asc' } },
    );
    const users = await this.users.summaries(managers.map((m) => m.userId));
    return managers.map((manager) => ({
      userId: manager.userId,
      name: users.get(manager.userId)?.name ?? null,
      email: users.get(manager.userId)?.email ?? null,
      since: manager.createdAt,
    }));
  }

  /** Idempotent: appointing a manager twice changes nothing. */
  async appoint(auth: AuthContext, eventId: string, userId: string): Promise<void> {
    const scope = await this.requireAppointer(auth, eventId);
    const user = (await this.users.summaries([userId])).get(userId);
    if (!user || !user.isActive)
      throw new EventsError('user-not-found', `User ${userId} does not exist`);
    if (user.organizationId !== scope.organizationId) {
      throw new EventsError(
        'manager-not-in-organization',
        'Add the user to the event’s organization first',
      );
    }
    if (await this.em.count(EventManager, { event: eventId, userId })) return;
    this.em.create(EventManager, { event: this.em.getReference(Event, eventId), userId });
    try {
      await this.em.flush();
    } catch (error) {
      // A concurrent appointment of the same manager won: the outcome is the one asked for.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }

  async dismiss(auth: AuthContext, eventId: string, userId: string): Promise<void> {
    await this.requireAppointer(auth, eventId);
    await this.em.nativeDelete(EventManager, { event: eventId, userId });
  }

  // Managers manage the event, not its management: only its organization's organizers appoint them.
  private async requireAppointer(auth: AuthContext, eventId: string) {
    const scope = await this.access.requireEvent(auth, eventId, 'manage');
    if (auth.readOnly || !managesOrganization(auth, scope.organizationId)) {
      throw new EventsError(
        'not-allowed',
        'Only organizers of the event’s organization appoint signup managers',
      );
    }
    return scope;
  }
}
