import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@turnout/common/pagination/page-query.dto';
import { ROLES, type Role } from '../auth-context';

export class UserQueryDto extends PageQueryDto {
  /** Case-insensitive search in email, name, first and last name. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  q?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsUUID()
  organizationId?: string;
}
