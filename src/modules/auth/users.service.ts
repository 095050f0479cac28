import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  EntityManager,
  type FilterQuery,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { hashPassword } from '@turnout/common/crypto/password';
import { type Page, pageWindow, toPage } from '@turnout/common/pagination/page-query.dto';
import { type AuthContext, type Role, isAdmin, managesOrganization } from './auth-context';
import { IdentityError } from './auth.error';
import type { RegisterDto } from './dto/register.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import type { UserDto } from './dto/user.dto';
import type { UserQueryDto } from './dto/user-query.dto';
import { toUserDto } from './identity.mapper';
import { MembershipsService } from './memberships.service';
import { Organization } from './organization.entity';
import { User } from './user.entity';
import { containsPattern } from '@turnout/common/text/sql-like';
import { sqlRows, Statement } from '@turnout/common/database/sql';

/** What the guard needs to know about a token's user on every request. */
export interface Identity {
  id: string;
  role: Role;
  organizationId: string | null;
  isActive: boolean;
}

/** Who a user is, as other modules may see them. */
export interface UserSummary extends Identity {
  email: string | null;
  name: string | null;
}

const ADMIN_ONLY_FIELDS = ['role', 'organizationId', 'isActive'] as const;

const USER_COLUMNS = `id, email, name, first_name, last_name, phone, avatar_url, role,
  organization_id, external_id, is_active, created_at, updated_at`;

/** A `users` row as read without an entity (dates as the driver gives them). */
interface UserRow {
  id: string;
  email: string | null;
  name: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  avatar_url: string | null;
  role: Role;
  organization_id: string | null;
  external_id: string | null;
  is_active: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

/** What `toUserDto` reads of a user, from a row. */
const userOfRow = (row: UserRow): Parameters<typeof toUserDto>[0] => ({
  id: row.id,
  email: row.email,
  name: row.name,
  firstName: row.first_name,
  lastName: row.last_name,
  phone: row.phone,
  avatarUrl: row.avatar_url,
  role: row.role,
  organization: row.organization_id ? { id: row.organization_id } : null,
  externalId: row.external_id,
  isActive: row.is_active,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The guard's read on every request. */
const IDENTITY = new Statement(
  'users-identity',
  'select id, role, organization_id, is_active from users where id = ?',
);

/** Users: registration, profiles, and the Admin's management of roles, organizations and activation. */
@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly memberships: MembershipsService,
  ) {}

  async register(dto: RegisterDto, role: Role = 'USER'): Promise<UserDto> {
    const email = normalizeEmail(dto.email);
    if (await this.em.count(User, { email })) {
      throw new IdentityError('email-taken', `${email} is already registered`);
    }
    const user = this.em.create(User, {
      email,
      name: dto.name ?? ([dto.firstName, dto.lastName].filter(Boolean).join(' ') || null),
      firstName: dto.firstName ?? null,
      lastName: dto.lastName ?? null,
      phone: dto.phone ?? null,
      role,
      passwordHash: await hashPassword(dto.password),
    });
    try {
      await this.em.flush();
    } catch (error) {
      // Two registrations raced for the same email: the unique constraint decides.
      if (error instanceof UniqueConstraintViolationException) {
        throw new IdentityError('email-taken', `${email} is already registered`);
      }
      throw error;
    }
    return toUserDto(user, null);
  }

  /** The user and their password hash, for login; null if there is no such email. */
  findForLogin(email: string): Promise<User | null> {
    return this.em.findOne(User, { email: normalizeEmail(email) }, { populate: ['passwordHash'] });
  }

  /** Asked by the guard on every request: a row of four columns, no entity. */
  async findIdentity(id: string): Promise<Identity | null> {
    const [row] = await sqlRows<Pick<UserRow, 'id' | 'role' | 'organization_id' | 'is_active'>>(
      this.em,
      IDENTITY,
      [id],
    );
    return row
      ? { id: row.id, role: row.role, organizationId: row.organization_id, isActive: row.is_active }
      : null;
  }

  async summaries(ids: readonly string[]): Promise<Map<string, UserSummary>> {
    const users = ids.length ? await this.em.find(User, { id: { $in: [...ids] } }) : [];
    return new Map(
      users.map((user) => [
        user.id,
        {
          id: user.id,
          role: user.role,
          organizationId: user.organization?.id ?? null,
          isActive: user.isActive,
          email: user.email ?? null,
          name: user.name ?? null,
        },
      ]),
    );
  }

  /** Facade: profiles by id (without memberships), for other modules' responses. */
  async profiles(ids: readonly string[]): Promise<Map<string, UserDto>> {
    const users = ids.length ? await this.em.find(User, { id: { $in: [...new Set(ids)] } }) : [];
    return new Map(users.map((user) => [user.id, toUserDto(user, null)]));
  }

  /**
   * Facade: the user an integrator knows as `externalId` in this organization, created on first
   * sight with whatever details are given. One statement in the common cases (new, or known):
   * registrations of unseen people are the hot path of seed 002.
   */
  async findOrCreateExternal(
    organizationId: string,
    externalId: string,
    details: {
      email?: string | null;
      firstName?: string | null;
      lastName?: string | null;
      phone?: string | null;
    },
  ): Promise<UserDto> {
    const email = details.email ? normalizeEmail(details.email) : null;
    const create = (withEmail: string | null) =>
      sqlRows<UserRow>(
        this.em,
        // An email already registered (by a person or another integration) is not taken over.
        `insert into users (id, organization_id, external_id, email, first_name, last_name, phone,
                            name, role, is_active, created_at, updated_at)
         values (?, ?, ?, case when not exists (select 1 from users where email = ?) then ? end,
                 ?, ?, ?, ?, 'USER', true, ?, ?)
         on conflict (organization_id, external_id) do nothing
         returning ${USER_COLUMNS}`,
        [
          randomUUID(),
          organizationId,
          externalId,
          withEmail,
          withEmail,
          details.firstName ?? null,
          details.lastName ?? null,
          details.phone ?? null,
          [details.firstName, details.lastName].filter(Boolean).join(' ') || null,
          new Date(),
          new Date(),
        ],
      );
    let rows: UserRow[];
    try {
      rows = await create(email);
    } catch (error) {
      // Another new user took the same free email at the same moment: this one goes without.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      rows = await create(null);
    }
    // Known already (or created by a concurrent request): read it.
    if (rows.length === 0) {
      rows = await sqlRows<UserRow>(
        this.em,
        `select ${USER_COLUMNS} from users where organization_id = ? and external_id = ?`,
        [organizationId, externalId],
      );
    }
    return toUserDto(userOfRow(rows[0]), null);
  }

  count(): Promise<number> {
    return this.em.count(User, {});
  }

  async list(query: UserQueryDto): Promise<Page<UserDto>> {
    const where: FilterQuery<User> = {};
    if (query.role) where.role = query.role;
    if (query.organizationId) where.organization = query.organizationId;
    if (query.q) {
      const like = containsPattern(query.q);
      where.$or = [
        { email: { $ilike: like } },
        { name: { $ilike: like } },
        { firstName: { $ilike: like } },
        { lastName: { $ilike: like } },
      ];
    }
    const [users, total] = await this.em.findAndCount(User, where, {
      orderBy: { createdAt: 'asc', id: 'asc' },
      ...pageWindow(query),
    });
    return toPage(await this.withMemberships(users), total, query);
  }

  async get(auth: AuthContext, id: string): Promise<UserDto> {
    const user = await this.requireVisible(auth, id);
    return (await this.withMemberships([user]))[0];
  }

  async update(auth: AuthContext, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.requireVisible(auth, id);
    const admin = isAdmin(auth) && !auth.readOnly;
    if (
      !admin &&
      (auth.userId !== id || ADMIN_ONLY_FIELDS.some((field) => dto[field] !== undefined))
    ) {
      throw new IdentityError(
        'not-allowed',
        'Users change their own profile; roles, organizations and activation are for Admins',
      );
    }
    const { organizationId, ...fields } = dto;
    this.em.assign(user, fields);
    if (organizationId !== undefined) {
      if (organizationId !== null && !(await this.em.count(Organization, { id: organizationId }))) {
        throw new IdentityError(
          'unknown-organization',
          `Organization ${organizationId} does not exist`,
        );
      }
      user.organization =
        organizationId === null
          ? null
          : this.em.getReference(Organization, organizationId, { wrapped: true });
    }
    await this.em.flush();
    return (await this.withMemberships([user]))[0];
  }

  /** The user, if the caller may see them: Admins, the user, and organizers of the user's organization. */
  private async requireVisible(auth: AuthContext, id: string): Promise<User> {
    const user = await this.em.findOne(User, id);
    const organizationId = user?.organization?.id;
    const visible =
      user &&
      (isAdmin(auth) ||
        auth.userId === id ||
        (!!organizationId && managesOrganization(auth, organizationId)));
    if (!visible) throw new IdentityError('user-not-found', `User ${id} does not exist`);
    return user;
  }

  private async withMemberships(users: User[]): Promise<UserDto[]> {
    const active = await this.memberships.activeFor(users.map((user) => user.id));
    return users.map((user) => toUserDto(user, active.get(user.id) ?? null));
  }
}
