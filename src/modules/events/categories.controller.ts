import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParamDto } from '@turnout/common/http/id-param.dto';
import { ApiProblems } from '@turnout/common/openapi/api-problems.decorator';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { Auth } from 'src/modules/auth/decorators/auth.decorator';
import { CurrentAuth } from 'src/modules/auth/decorators/current-auth.decorator';
import { Public } from 'src/modules/auth/decorators/public.decorator';
import { CategoriesService } from './categories.service';
import {
  CategoryDto,
  CategoryPageDto,
  CategoryQueryDto,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './dto/category.dto';

@ApiTags('categories')
@Controller('api/categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'List categories, optionally of one organization (public)' })
  @ApiProblems(400)
  list(@Query() query: CategoryQueryDto): Promise<CategoryPageDto> {
    return this.categories.list(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'Read a category (public)' })
  @ApiProblems(400, 404)
  get(@Param() { id }: IdParamDto): Promise<CategoryDto> {
    return this.categories.get(id);
  }

  @Post()
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'Create a category (Organizers of the organization, Admins)' })
  @ApiProblems(400, 404, 409, 422)
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateCategoryDto): Promise<CategoryDto> {
    return this.categories.create(auth, dto);
  }

  @Patch(':id')
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'Rename a category' })
  @ApiProblems(400, 403, 404, 409)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param() { id }: IdParamDto,
    @Body() dto: UpdateCategoryDto,
  ): Promise<CategoryDto> {
    return this.categories.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth({ roles: ['ORGANIZER', 'ADMIN'] })
  @ApiOperation({ summary: 'Delete a category (it is removed from its events)' })
  @ApiProblems(400, 403, 404)
  remove(@CurrentAuth() auth: AuthContext, @Param() { id }: IdParamDto): Promise<void> {
    return this.categories.remove(auth, id);
  }
}
