import type { UserDto } from 'src/modules/auth/dto/user.dto';
import type { EventSummaries } from 'src/modules/events/events.service';
import type { Attendee } from './attendee.entity';
import type { EventRegistrationDto, RegistrationUserDto } from './dto/event-registration.dto';

/** ONLIVE's user roles: Turnout's USER is their `attendee`. */
const ROLE_NAMES = { USER: 'attendee', ORGANIZER: 'organizer', ADMIN: 'admin' } as const;

export interface RegistrationRelations extends EventSummaries {
  users: Map<string, UserDto>;
}

const toUser = (user: UserDto): RegistrationUserDto => ({
  id: user.id,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
  organizationId: user.organizationId,
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  role: ROLE_NAMES[user.role],
  avatar: user.avatarUrl,
  isActive: user.isActive,
});

/** What the seed 002 view reads of an attendee: an entity, or a snapshot with its dates revived. */
export type RegistrationRecord = Pick<Attendee, 'id' | 'status' | 'fields' | 'eventId'> & {
  userId?: string | null;
  occurrenceId?: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt?: Date | null;
};

/** The seed 002 view of an attendee. */
export function toEventRegistrationDto(
  attendee: RegistrationRecord,
  related: RegistrationRelations,
): EventRegistrationDto {
  const event = related.events.get(attendee.eventId)!;
  const user = attendee.userId ? related.users.get(attendee.userId) : undefined;
  const occurrence = attendee.occurrenceId
    ? related.occurrences.get(attendee.occurrenceId)
    : undefined;
  const organization = related.organizations.get(event.organizationId);
  return {
    id: attendee.id,
    createdAt: attendee.createdAt,
    updatedAt: attendee.updatedAt,
    status: attendee.status,
    fields: attendee.fields,
    user: user ? toUser(user) : null,
    occurrence: occurrence
      ? {
          id: occurrence.id,
          createdAt: occurrence.createdAt,
          updatedAt: occurrence.updatedAt,
          startDate: occurrence.startDate,
          endDate: occurrence.endDate,
          capacity: occurrence.capacity,
          registrations: occurrence.registrations,
        }
      : null,
    event: {
      id: event.id,
      createdAt: event.createdAt,
      updatedAt: event.updatedAt,
      name: event.title,
      slug: event.slug,
      description: event.description,
    },
    organization: organization
      ? {
          id: organization.id,
          name: organization.name,
          slug: organization.slug,
          createdAt: organization.createdAt,
          updatedAt: organization.updatedAt,
        }
      : null,
    deletedAt: attendee.deletedAt ?? null,
  };
}
