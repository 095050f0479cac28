import { Injectable } from '@nestjs/common';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { GroupsService } from 'src/modules/events/groups.service';
import { AttendeeDirectory } from 'src/modules/registrations/attendee-directory.service';
import { RegistrationsService } from 'src/modules/registrations/registrations.service';
import { AttendeesError } from './attendees.error';
import type { GxpAttendeeQueryDto } from './dto/gxp-attendee.dto';
import { type ProjectRef, ProjectAttendeesService } from './project-attendees.service';

/** Who is in a group: kept on each attendee, changed here with one `attendee.updated` each. */
@Injectable()
export class GroupMembersService {
  constructor(
    private readonly attendees: ProjectAttendeesService,
    private readonly groups: GroupsService,
    private readonly directory: AttendeeDirectory,
    private readonly registrations: RegistrationsService,
  ) {}

  /** The group's attendees: the attendee list with `filter[group_id]` set. */
  async list(
    auth: AuthContext,
    ref: ProjectRef,
    groupId: string,
    query: GxpAttendeeQueryDto,
    url: string,
  ) {
    const project = await this.attendees.require(auth, ref, 'inspect');
    await this.groups.get(project.eventId, groupId);
    return this.attendees.list(
      auth,
      ref,
      { ...query, filter: { ...query.filter, group_id: groupId } },
      url,
    );
  }

  async add(auth: AuthContext, ref: ProjectRef, groupId: string, attendeeIds: readonly string[]) {
    const project = await this.attendees.require(auth, ref, 'manage');
    await this.groups.get(project.eventId, groupId);
    const ids = [...new Set(attendeeIds.map((id) => id.toLowerCase()))];
    const existing = await this.directory.byIds(project.eventId, ids);
    const missing = ids.filter((id) => !existing.has(id));
    if (missing.length > 0) {
      throw new AttendeesError('attendee-not-found', `No attendee ${missing.join(', ')} here`, {
        errors: missing.map((id) => ({
          pointer: `/attendee_ids/${attendeeIds.findIndex((given) => given.toLowerCase() === id)}`,
          message: `${id} is not an attendee of this project`,
        })),
      });
    }
    const updated = await this.registrations.updateProfiles(
      await this.attendees.bookable(project),
      ids,
      (current) =>
        new Map(
          current.map((attendee) => [
            attendee.id,
            {
              groupIds: attendee.groupIds.includes(groupId)
                ? attendee.groupIds
                : [...attendee.groupIds, groupId],
            },
          ]),
        ),
    );
    return { data: await this.attendees.render(project.eventId, updated, new Set(['groups'])) };
  }

  /** Leaving a group one is not in is fine (204): the end state is what was asked for. */
  async remove(auth: AuthContext, ref: ProjectRef, groupId: string, attendeeId: string) {
    const project = await this.attendees.require(auth, ref, 'manage');
    await this.groups.get(project.eventId, groupId);
    const attendee = await this.attendees.load(project, attendeeId);
    if (!attendee.groupIds.includes(groupId)) return;
    await this.registrations.updateProfiles(
      await this.attendees.bookable(project),
      [attendeeId],
      ([current]) =>
        new Map([[attendeeId, { groupIds: current.groupIds.filter((id) => id !== groupId) }]]),
    );
  }
}
