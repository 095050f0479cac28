import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { AfterCommit, type AfterCommitBatch } from '@turnout/common/events/after-commit';
import { type EmitContext, TRANSACTIONAL_LISTENER } from '@turnout/common/events/typed-event-bus';
import type { AttendeeEvent } from 'src/modules/attendees/attendee.events';
import { ProjectAttendeesService } from 'src/modules/attendees/project-attendees.service';
import { OrganizationsService } from 'src/modules/auth/organizations.service';
import type { AttendeeCheckedInEvent } from 'src/modules/credentials/credentials.events';
import { EventsService } from 'src/modules/events/events.service';
import type { AttendeeSnapshot } from 'src/modules/registrations/registration.events';
import { attendeeChannelNames } from './attendee-channels';
import { type Announcement, RealtimeGateway } from './realtime.gateway';

/** The feed's event names (Echo's `listen('AttendeeCreated')`). */
type FeedEventName =
  'AttendeeCreated' | 'AttendeeUpdated' | 'AttendeeDeleted' | 'AttendeeCheckedIn';

interface Change {
  name: FeedEventName;
  eventId: string;
  attendee: AttendeeSnapshot;
}

/**
 * Announces attendee changes on the project's channels once their transaction has committed: a
 * change rolled back is never announced. The domain events arrive inside the transaction; they are
 * only collected there, and a transaction's changes are rendered (in the GxP attendee shape) and
 * sent together after the commit.
 */
@Injectable()
export class AttendeeFeedListener {
  private readonly batch: AfterCommitBatch<Change> = { flush: (changes) => this.send(changes) };

  constructor(
    private readonly afterCommit: AfterCommit,
    private readonly gateway: RealtimeGateway,
    private readonly attendees: ProjectAttendeesService,
    private readonly events: EventsService,
    private readonly organizations: OrganizationsService,
  ) {}

  @OnEvent('attendee.created', TRANSACTIONAL_LISTENER)
  onCreated(payload: AttendeeEvent, { em }: EmitContext): void {
    this.afterCommit.collect(em, this.batch, change('AttendeeCreated', payload));
  }

  @OnEvent('attendee.updated', TRANSACTIONAL_LISTENER)
  onUpdated(payload: AttendeeEvent, { em }: EmitContext): void {
    this.afterCommit.collect(em, this.batch, change('AttendeeUpdated', payload));
  }

  @OnEvent('attendee.deleted', TRANSACTIONAL_LISTENER)
  onDeleted(payload: AttendeeEvent, { em }: EmitContext): void {
    this.afterCommit.collect(em, this.batch, change('AttendeeDeleted', payload));
  }

  @OnEvent('attendee.checked_in', TRANSACTIONAL_LISTENER)
  onCheckedIn(payload: AttendeeCheckedInEvent, { em }: EmitContext): void {
    this.afterCommit.collect(em, this.batch, change('AttendeeCheckedIn', payload));
  }

  /**
   * Runs after the commit, in its own ORM context: one lookup of each kind per event, and nothing
   * at all when nobody can be listening.
   */
  private async send(changes: Change[]): Promise<void> {
    const byEvent = Map.groupBy(changes, (item) => item.eventId);
    if (!(await this.gateway.mayBeHeard([...byEvent.keys()]))) return;
    const events = await this.events.byIds([...byEvent.keys()]);
    const organizations = await this.organizations.byIds(
      [...events.values()].map((event) => event.organizationId),
    );
    const announcements: Announcement[] = [];
    for (const [eventId, items] of byEvent) {
      const event = events.get(eventId);
      const team = event && organizations.get(event.organizationId);
      if (!event || !team) continue;
      const channels = attendeeChannelNames(team.slug, event.slug);
      const rendered = await this.attendees.render(
        eventId,
        items.map((item) => item.attendee),
        new Set(['attendee_type']),
      );
      items.forEach((item, index) =>
        announcements.push({
          eventId,
          channels,
          name: item.name,
          payload: { attendee: rendered[index] },
        }),
      );
    }
    this.gateway.announce(announcements);
  }
}

const change = (
  name: FeedEventName,
  { attendee, event }: { attendee: AttendeeSnapshot; event: { id: string } },
): Change => ({ name, eventId: event.id, attendee });
