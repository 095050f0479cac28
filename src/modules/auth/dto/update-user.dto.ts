import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../auth-context';

/** Profile fields anyone may change on their own account; `role`, `organizationId` and `isActive` are for Admins. */
export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  firstName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  lastName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2048)
  avatarUrl?: string;

  /** Admin only. */
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  /** Admin only; null removes the user from their organization. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  organizationId?: string | null;

  /** Admin only; false deactivates the account. */
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}
