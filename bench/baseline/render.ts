// The response shapes, field for field as Turnout renders them (seed 002 and seed 003 mappers).

export const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const isoOrNull = (date: Date | null) => (date ? isoSeconds(date) : null);

/** An attendees row as PostgreSQL answers it. */
export interface AttendeeRow {
  id: string;
  event_id: string;
  occurrence_id: string | null;
  user_id: string | null;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  fields: Record<string, unknown>;
  attendee_type_id: string | null;
  emergency_contact: { name: string; phoneNumber: string | null } | null;
  status: string;
  checked_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
  deleted_at: Date | null;
}

export interface CredentialRow {
  id: string;
  attendee_id: string;
  credential_type_id: string;
  code: string;
  name: string;
  value: string;
  created_at: Date;
}

export interface GxpRelations {
  /** Attendee type names by id, when the answer embeds `attendee_type`. */
  types?: ReadonlyMap<string, string>;
  /** Credentials by attendee, when the answer embeds `credentials`. */
  credentials?: ReadonlyMap<string, CredentialRow[]>;
}

/** Seed 003's attendee. */
export function gxpAttendee(row: AttendeeRow, { types, credentials }: GxpRelations) {
  const typeName = row.attendee_type_id ? types?.get(row.attendee_type_id) : undefined;
  return {
    id: row.id,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    phone: row.phone,
    attendee_type_id: row.attendee_type_id,
    ...(types
      ? { attendee_type: typeName ? { id: row.attendee_type_id, name: typeName } : null }
      : {}),
    custom_fields: row.fields,
    emergency_contact: row.emergency_contact
      ? { name: row.emergency_contact.name, phone_number: row.emergency_contact.phoneNumber }
      : null,
    status: row.status,
    checked_in_at: isoOrNull(row.checked_in_at),
    created_at: isoSeconds(row.created_at),
    updated_at: isoSeconds(row.updated_at),
    ...(credentials
      ? {
          credentials: (credentials.get(row.id) ?? []).map((credential) => ({
            id: credential.id,
            credential_type_id: credential.credential_type_id,
            credential_type: {
              id: credential.credential_type_id,
              code: credential.code,
              name: credential.name,
            },
            value: credential.value,
            created_at: isoSeconds(credential.created_at),
          })),
        }
      : {}),
  };
}

/** What seed 002's EventRegistration shows of its user, occurrence, event and organization. */
export interface RegistrationContext {
  user: {
    id: string;
    created_at: Date;
    updated_at: Date;
    organization_id: string | null;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    role: 'USER' | 'ORGANIZER' | 'ADMIN';
    avatar_url: string | null;
    is_active: boolean;
  } | null;
  occurrence: {
    id: string;
    created_at: Date;
    updated_at: Date;
    start_date: Date;
    end_date: Date;
    capacity: number | null;
    seats_held: number;
  } | null;
  event: {
    id: string;
    created_at: Date;
    updated_at: Date;
    title: string;
    slug: string;
    description: string | null;
  };
  organization: { id: string; name: string; slug: string; created_at: Date; updated_at: Date };
}

const ROLE_NAMES = { USER: 'attendee', ORGANIZER: 'organizer', ADMIN: 'admin' } as const;

/** Seed 002's EventRegistration. */
export function eventRegistration(
  row: AttendeeRow,
  { user, occurrence, event, organization }: RegistrationContext,
) {
  return {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    status: row.status,
    fields: row.fields,
    user: user && {
      id: user.id,
      createdAt: user.created_at,
      updatedAt: user.updated_at,
      organizationId: user.organization_id,
      email: user.email,
      firstName: user.first_name,
      lastName: user.last_name,
      role: ROLE_NAMES[user.role],
      avatar: user.avatar_url,
      isActive: user.is_active,
    },
    occurrence: occurrence && {
      id: occurrence.id,
      createdAt: occurrence.created_at,
      updatedAt: occurrence.updated_at,
      startDate: occurrence.start_date,
      endDate: occurrence.end_date,
      capacity: occurrence.capacity,
      registrations: occurrence.seats_held,
    },
    event: {
      id: event.id,
      createdAt: event.created_at,
      updatedAt: event.updated_at,
      name: event.title,
      slug: event.slug,
      description: event.description,
    },
    organization: {
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      createdAt: organization.created_at,
      updatedAt: organization.updated_at,
    },
    deletedAt: row.deleted_at,
  };
}
