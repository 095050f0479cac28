import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { AccessService, type EventAction } from 'src/modules/auth/access.service';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { OrganizationsService } from 'src/modules/auth/organizations.service';
import { Event } from './event.entity';
import { EventsError } from './events.error';

/** A GxP project: an event addressed by its organization's slug (the team) and its own slug. */
export interface Project {
  eventId: string;
  organizationId: string;
  teamSlug: string;
  projectSlug: string;
}

/**
 * Resolves `/projects/{teamSlug}/{projectSlug}` to an event the caller may work on. Projects are for
 * the event's managers only (organizers, signup managers, the organization's API keys, Admins):
 * anyone else is told the project does not exist.
 */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly em: EntityManager,
    private readonly organizations: OrganizationsService,
    private readonly access: AccessService,
  ) {}

  async require(
    auth: AuthContext,
    teamSlug: string,
    projectSlug: string,
    action: Exclude<EventAction, 'read'>,
  ): Promise<Project> {
    const notFound = () =>
      new EventsError('project-not-found', `Project ${teamSlug}/${projectSlug} does not exist`);
    const organizationId = await this.organizations.idBySlug(teamSlug);
    if (!organizationId) throw notFound();
    const event = await this.em.findOne(
      Event,
      { organizationId, slug: projectSlug, deletedAt: null },
      { fields: ['id'] },
    );
    if (!event) throw notFound();
    try {
      await this.access.requireEvent(auth, event.id, action, { conceal: true });
    } catch (error) {
      if ((error as { status?: number }).status === 404) throw notFound();
      throw error;
    }
    return { eventId: event.id, organizationId, teamSlug, projectSlug };
  }
}
