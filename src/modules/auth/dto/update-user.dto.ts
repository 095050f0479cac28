import { PartialType, PickType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUrl, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '../auth-context';
import { RegisterDto } from './register.dto';
import { IsOmittable } from '@turnout/common/validation/is-omittable';

/** Profile fields anyone may change on their own account; `role`, `organizationId` and `isActive` are for Admins. */
export class UpdateUserDto extends PartialType(
  PickType(RegisterDto, ['name', 'firstName', 'lastName', 'phone'] as const),
) {
  @IsOmittable()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2048)
  avatarUrl?: string;

  /** Admin only. */
  @IsOmittable()
  @IsIn(ROLES)
  role?: Role;

  /** Admin only; null removes the user from their organization. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  organizationId?: string | null;

  /** Admin only; false deactivates the account. */
  @IsOmittable()
  @IsBoolean()
  isActive?: boolean;
}
