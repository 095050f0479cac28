import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { API_KEY_ROLES, type ApiKeyRole } from '../api-key.entity';
import { IsOmittable } from '@turnout/common/validation/is-omittable';
import { IsDateTime } from '@turnout/common/validation/is-date-time';

/** An API key as listed: the secret itself is shown only once, on creation. */
export class ApiKeyDto {
  id: string;
  name: string;
  /** ORGANIZER acts as an organizer of the organization; READ_ONLY may only read. */
  @ApiProperty({ enum: API_KEY_ROLES })
  role: ApiKeyRole;
  organizationId: string;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  /** The key, `tk_…`: shown this once only. Send it as `X-Api-Key` or `Authorization: Bearer`. */
  key: string;
}

export class CreateApiKeyDto {
  /** What the key is for, e.g. "ticketing sync". */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsIn(API_KEY_ROLES)
  @ApiProperty({ enum: API_KEY_ROLES })
  role: ApiKeyRole;

  /** Required for Admins; Organizers create keys for their own organization. */
  @IsOmittable()
  @IsUUID()
  organizationId?: string;

  /** Optional expiry (ISO 8601); expired keys get 401. */
  @IsOmittable()
  @IsDateTime()
  expiresAt?: Date;
}
