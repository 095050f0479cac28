import type { ApiKey } from './api-key.entity';
import type { ApiKeyDto } from './dto/api-key.dto';
import type { MembershipDto } from './dto/membership.dto';
import type { OrganizationDto } from './dto/organization.dto';
import type { UserDto } from './dto/user.dto';
import type { Membership } from './membership.entity';
import type { Organization } from './organization.entity';
import type { User } from './user.entity';

export const toOrganizationDto = (organization: Organization): OrganizationDto => ({
  id: organization.id,
  slug: organization.slug,
  name: organization.name,
  createdAt: organization.createdAt,
  updatedAt: organization.updatedAt,
});

export const toMembershipDto = (membership: Membership): MembershipDto => ({
  id: membership.id,
  name: membership.name,
  startsAt: membership.startsAt,
  endsAt: membership.endsAt ?? null,
});

/** What a user's view reads: the entity, or a row shaped like it. */
export type UserFields = Pick<
  User,
  | 'id'
  | 'email'
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'phone'
  | 'avatarUrl'
  | 'role'
  | 'externalId'
  | 'isActive'
  | 'createdAt'
  | 'updatedAt'
> & { organization?: { id: string } | null };

export const toUserDto = (user: UserFields, membership: MembershipDto | null): UserDto => ({
  id: user.id,
  email: user.email ?? null,
  name: user.name ?? null,
  firstName: user.firstName ?? null,
  lastName: user.lastName ?? null,
  phone: user.phone ?? null,
  avatarUrl: user.avatarUrl ?? null,
  role: user.role,
  organizationId: user.organization?.id ?? null,
  externalId: user.externalId ?? null,
  isActive: user.isActive,
  membership,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

export const toApiKeyDto = (key: ApiKey): ApiKeyDto => ({
  id: key.id,
  name: key.name,
  role: key.role,
  organizationId: key.organization.id,
  prefix: key.prefix,
  lastUsedAt: key.lastUsedAt ?? null,
  expiresAt: key.expiresAt ?? null,
  revokedAt: key.revokedAt ?? null,
  createdAt: key.createdAt,
});
