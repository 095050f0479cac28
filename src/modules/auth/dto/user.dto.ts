import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '@turnout/common/pagination/page-meta.dto';
import { ROLES, type Role } from '../auth-context';
import { MembershipDto } from './membership.dto';

/** A user's profile. The password is never returned. */
export class UserDto {
  id: string;
  email: string | null;
  /** Display name. */
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  avatarUrl: string | null;
  @ApiProperty({ enum: ROLES })
  role: Role;
  organizationId: string | null;
  /** The integrator's own id for this user, unique within the organization. */
  externalId: string | null;
  /** Deactivated users cannot log in, and their tokens stop working. */
  isActive: boolean;
  /** The membership whose period contains now, if any. */
  membership: MembershipDto | null;
  createdAt: Date;
  updatedAt: Date;
}

export class UserPageDto {
  data: UserDto[];
  meta: PageMetaDto;
}
