import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../auth-context';
import { UserDto } from './user.dto';

/** The caller behind the credentials sent. */
export class MeDto {
  @ApiProperty({ enum: ['jwt', 'api-key'] })
  via: 'jwt' | 'api-key';
  @ApiProperty({ enum: ROLES })
  role: Role;
  organizationId: string | null;
  /** True for a read-only API key. */
  readOnly: boolean;
  /** The user's profile; null for an API key. */
  user: UserDto | null;
  /** The API key's id, when authenticated by one. */
  apiKeyId: string | null;
}
