import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto } from '@turnout/common/pagination/page-meta.dto';
import { PageQueryDto } from '@turnout/common/pagination/page-query.dto';
import { IsOmittable } from '@turnout/common/validation/is-omittable';

export class CategoryDto {
  id: string;
  organizationId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export class CategoryPageDto {
  data: CategoryDto[];
  meta: PageMetaDto;
}

export class CategoryQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class CreateCategoryDto {
  /** Required for Admins; Organizers create categories in their own organization. */
  @IsOmittable()
  @IsUUID()
  organizationId?: string;

  /** Unique in the organization. */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}

export class UpdateCategoryDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}
