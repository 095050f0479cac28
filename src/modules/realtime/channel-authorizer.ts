import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { HeaderAuthenticator } from 'src/modules/auth/header-authenticator';
import { OrganizationsService } from 'src/modules/auth/organizations.service';
import { ProjectsService } from 'src/modules/events/projects.service';
import { parseAttendeeChannel } from './attendee-channels';
import { RealtimeError } from './realtime.error';

/**
 * Who may subscribe to a project's attendee feed: whoever may inspect the project through the REST
 * API (its organizers, signup managers, the organization's API keys including read-only ones,
 * Admins), authenticated from the subscription's `auth.headers` as the REST guard would. Anyone
 * else is told the channel does not exist.
 */
@Injectable()
export class ChannelAuthorizer {
  constructor(
    private readonly authenticator: HeaderAuthenticator,
    private readonly organizations: OrganizationsService,
    private readonly projects: ProjectsService,
  ) {}

  /** The id of the event whose feed `channel` is; throws a 401 or 404 problem otherwise. */
  async authorize(channel: string, headers: IncomingHttpHeaders): Promise<string> {
    const auth = await this.authenticator.authenticate(headers);
    const notFound = () => new RealtimeError('channel-not-found', `${channel} does not exist`);
    const name = parseAttendeeChannel(channel);
    if (!name) throw notFound();
    const teamSlug = name.teamSlug ?? (await this.ownTeamSlug(auth));
    if (!teamSlug) throw notFound();
    try {
      const project = await this.projects.require(auth, teamSlug, name.projectSlug, 'inspect');
      return project.eventId;
    } catch (error) {
      if ((error as { status?: number }).status === 404) throw notFound();
      throw error;
    }
  }

  private async ownTeamSlug(auth: AuthContext): Promise<string | undefined> {
    if (!auth.organizationId) return undefined;
    return (await this.organizations.byIds([auth.organizationId])).get(auth.organizationId)?.slug;
  }
}
