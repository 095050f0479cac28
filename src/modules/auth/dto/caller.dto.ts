import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../auth-context';

/** The authenticated caller, as Turnout sees them. */
export class CallerDto {
  /** The user's id. */
  userId: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  /** The organization the caller acts in, if any. */
  organizationId: string | null;

  /** How the caller authenticated. */
  @ApiProperty({ enum: ['jwt', 'api-key'] })
  via: 'jwt' | 'api-key';
}
