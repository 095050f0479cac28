import { PartialType } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto } from '@turnout/common/pagination/page-meta.dto';
import { NULL_IS_A_VALUE } from '@turnout/common/validation/is-omittable';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An organization (a GxP team, an ONLIVE organization). */
export class OrganizationDto {
  id: string;
  /** URL-safe, unique: lower-case letters, digits and single hyphens. */
  slug: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export class OrganizationPageDto {
  data: OrganizationDto[];
  meta: PageMetaDto;
}

export class CreateOrganizationDto {
  /** URL-safe, unique: lower-case letters, digits and single hyphens, e.g. `acme-events`. */
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters, digits and single hyphens' })
  @MaxLength(100)
  slug: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto, NULL_IS_A_VALUE) {}
