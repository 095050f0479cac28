import { Injectable } from '@nestjs/common';
import { AccessService, type EventAction } from 'src/modules/auth/access.service';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { EventScopes } from './event-scopes';
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
    private readonly scopes: EventScopes,
    private readonly access: AccessService,
  ) {}

  async require(
    auth: AuthContext,
    teamSlug: string,
    projectSlug: string,
    action: Exclude<EventAction, 'read'>,
  ): Promise<Project> {
    const scope = await this.scopes.ofProject(teamSlug, projectSlug);
    try {
      const { id, organizationId } = this.access.checkEvent(
        auth,
        scope?.id ?? projectSlug,
        scope,
        action,
        { conceal: true },
      );
      return { eventId: id, organizationId, teamSlug, projectSlug };
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      throw new EventsError(
        'project-not-found',
        `Project ${teamSlug}/${projectSlug} does not exist`,
      );
    }
  }
}
