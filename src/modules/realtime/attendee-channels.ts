/**
 * The channels of a project's attendee feed, as Laravel Echo names a private channel
 * (`Echo.private('dashboard.project.<slug>.attendees')` subscribes to `private-` + that name):
 *
 * - `private-dashboard.project.<projectSlug>.attendees`: the project of that slug in the caller's
 *   own organization (the seed's form);
 * - `private-dashboard.project.<teamSlug>.<projectSlug>.attendees`: the project of that slug in the
 *   organization of that slug, for anyone who may see it there. Admins belong to no organization
 *   and use this form, as does a signup manager of another organization's event.
 *
 * Slugs are lower-case letters, digits and hyphens, so the number of dotted parts tells the forms
 * apart.
 */
const SLUG = '[a-z0-9](?:[a-z0-9-]*[a-z0-9])?';
const CHANNEL = new RegExp(
  `^private-dashboard\\.project\\.(?:(${SLUG})\\.)?(${SLUG})\\.attendees$`,
);

export interface AttendeeChannel {
  /** The organization named in the channel, or undefined for the caller's own. */
  teamSlug?: string;
  projectSlug: string;
}

export function parseAttendeeChannel(name: string): AttendeeChannel | undefined {
  const match = CHANNEL.exec(name);
  if (!match) return undefined;
  const [, teamSlug, projectSlug] = match;
  return teamSlug ? { teamSlug, projectSlug } : { projectSlug };
}

/** Both names of a project's feed, as they are today. */
export function attendeeChannelNames(teamSlug: string, projectSlug: string): string[] {
  return [
    `private-dashboard.project.${projectSlug}.attendees`,
    `private-dashboard.project.${teamSlug}.${projectSlug}.attendees`,
  ];
}

/**
 * The socket.io room of one channel of one event. Clients only accept events carrying the channel
 * name they subscribed with, and a short name is only unique within an organization, so a room is
 * both: the event's id and the channel's name.
 */
export const attendeeRoom = (eventId: string, channel: string): string => `${eventId} ${channel}`;
