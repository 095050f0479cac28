import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { type Page, pageWindow, toPage } from '@turnout/common/pagination/page-query.dto';
import { AccessService } from 'src/modules/auth/access.service';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { OrganizationsService } from 'src/modules/auth/organizations.service';
import { Category } from './category.entity';
import type {
  CategoryDto,
  CategoryQueryDto,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './dto/category.dto';
import { EventsError } from './events.error';
import { toCategoryDto } from './events.mapper';

/** Categories: public to read; organizers of the organization (and Admins) manage them. */
@Injectable()
export class CategoriesService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly organizations: OrganizationsService,
  ) {}

  async list(query: CategoryQueryDto): Promise<Page<CategoryDto>> {
    const where = query.organizationId ? { organizationId: query.organizationId } : {};
    const [categories, total] = await this.em.findAndCount(Category, where, {
      orderBy: { name: 'asc', id: 'asc' },
      ...pageWindow(query),
    });
    return toPage(categories.map(toCategoryDto), total, query);
  }

  async get(id: string): Promise<CategoryDto> {
    return toCategoryDto(await this.find(id));
  }

  async create(auth: AuthContext, dto: CreateCategoryDto): Promise<CategoryDto> {
    const organizationId = dto.organizationId ?? auth.organizationId;
    if (!organizationId)
      throw new EventsError('organization-required', 'Admins must name the organizationId');
    const notFound = () =>
      new EventsError('organization-not-found', `Organization ${organizationId} does not exist`);
    this.access.requireOrganizationManager(auth, organizationId, notFound);
    if (!(await this.organizations.exists(organizationId))) throw notFound();
    const category = this.em.create(Category, { organizationId, name: dto.name });
    await this.flush(dto.name);
    return toCategoryDto(category);
  }

  async update(auth: AuthContext, id: string, dto: UpdateCategoryDto): Promise<CategoryDto> {
    const category = await this.findManaged(auth, id);
    category.name = dto.name;
    await this.flush(dto.name);
    return toCategoryDto(category);
  }

  /** Deleting a category detaches it from its events. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    this.em.remove(await this.findManaged(auth, id));
    await this.em.flush();
  }

  private async find(id: string): Promise<Category> {
    const category = await this.em.findOne(Category, id);
    if (!category) throw new EventsError('category-not-found', `Category ${id} does not exist`);
    return category;
  }

  private async findManaged(auth: AuthContext, id: string): Promise<Category> {
    const category = await this.find(id);
    this.access.requireOrganizationManager(
      auth,
      category.organizationId,
      () =>
        new EventsError(
          'not-allowed',
          'Only organizers of the category’s organization may change it',
        ),
    );
    return category;
  }

  private async flush(name: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new EventsError(
          'category-name-taken',
          `The organization already has a category named ${name}`,
        );
      }
      throw error;
    }
  }
}
