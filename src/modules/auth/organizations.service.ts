import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  type Page,
  type PageQueryDto,
  pageWindow,
  toPage,
} from '@turnout/common/pagination/page-query.dto';
import { type AuthContext, belongsTo, isAdmin } from './auth-context';
import { IdentityError } from './auth.error';
import type {
  CreateOrganizationDto,
  OrganizationDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { toOrganizationDto } from './identity.mapper';
import { Organization } from './organization.entity';

/** Organizations: Admins create and list them all; members read their own. */
@Injectable()
export class OrganizationsService {
  constructor(private readonly em: EntityManager) {}

  async create(dto: CreateOrganizationDto): Promise<OrganizationDto> {
    const organization = this.em.create(Organization, { slug: dto.slug, name: dto.name });
    await this.flushUnique(dto.slug);
    return toOrganizationDto(organization);
  }

  /** Admins see every organization; anyone else, the one they belong to. */
  async list(auth: AuthContext, query: PageQueryDto): Promise<Page<OrganizationDto>> {
    const where = isAdmin(auth) ? {} : { id: auth.organizationId ?? { $in: [] } };
    const [organizations, total] = await this.em.findAndCount(Organization, where, {
      orderBy: { slug: 'asc' },
      ...pageWindow(query),
    });
    return toPage(organizations.map(toOrganizationDto), total, query);
  }

  async get(auth: AuthContext, id: string): Promise<OrganizationDto> {
    return toOrganizationDto(await this.requireVisible(auth, id));
  }

  async update(
    auth: AuthContext,
    id: string,
    dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    const organization = await this.requireVisible(auth, id);
    this.em.assign(organization, dto);
    await this.flushUnique(dto.slug ?? organization.slug);
    return toOrganizationDto(organization);
  }

  /** Facade for other modules: organizations by id. */
  async byIds(ids: readonly string[]): Promise<Map<string, OrganizationDto>> {
    const organizations = ids.length
      ? await this.em.find(Organization, { id: { $in: [...new Set(ids)] } })
      : [];
    return new Map(
      organizations.map((organization) => [organization.id, toOrganizationDto(organization)]),
    );
  }

  /** Facade for other modules: does this organization exist? */
  /** The id of the organization with this slug (a GxP team), if any. */
  async idBySlug(slug: string): Promise<string | undefined> {
    const organization = await this.em.findOne(Organization, { slug }, { fields: ['id'] });
    return organization?.id;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.em.count(Organization, { id })) > 0;
  }

  private async requireVisible(auth: AuthContext, id: string): Promise<Organization> {
    const organization = belongsTo(auth, id) ? await this.em.findOne(Organization, id) : null;
    if (!organization)
      throw new IdentityError('organization-not-found', `Organization ${id} does not exist`);
    return organization;
  }

  private async flushUnique(slug: string): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new IdentityError('slug-taken', `The slug ${slug} is already used`);
      }
      throw error;
    }
  }
}
