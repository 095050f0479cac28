import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { type AuthContext, isAdmin, managesOrganization } from './auth-context';
import { IdentityError } from './auth.error';
import type { CreateMembershipDto, UpdateMembershipDto } from './dto/create-membership.dto';
import type { MembershipDto } from './dto/membership.dto';
import { toMembershipDto } from './identity.mapper';
import { Membership } from './membership.entity';
import { User } from './user.entity';

/** Memberships: Admins and the organizers of the user's organization manage them; users read their own. */
@Injectable()
export class MembershipsService {
  constructor(private readonly em: EntityManager) {}

  /** The active membership (period containing now) of each user that has one. */
  async activeFor(userIds: readonly string[]): Promise<Map<string, MembershipDto>> {
    if (userIds.length === 0) return new Map();
    const now = new Date();
    const active = await this.em.find(
      Membership,
      {
        user: { $in: [...userIds] },
        startsAt: { $lte: now },
        $or: [{ endsAt: null }, { endsAt: { $gt: now } }],
      },
      { orderBy: { startsAt: 'desc' } },
    );
    const byUser = new Map<string, MembershipDto>();
    for (const membership of active) {
      if (!byUser.has(membership.user.id))
        byUser.set(membership.user.id, toMembershipDto(membership));
    }
    return byUser;
  }

  async list(auth: AuthContext, userId: string): Promise<MembershipDto[]> {
    await this.requireUser(auth, userId, 'read');
    const memberships = await this.em.find(
      Membership,
      { user: userId },
      { orderBy: { startsAt: 'desc' } },
    );
    return memberships.map(toMembershipDto);
  }

  async create(
    auth: AuthContext,
    userId: string,
    dto: CreateMembershipDto,
  ): Promise<MembershipDto> {
    const user = await this.requireUser(auth, userId, 'manage');
    this.requirePeriod(dto.startsAt, dto.endsAt ?? null);
    const membership = this.em.create(Membership, {
      user,
      name: dto.name,
      startsAt: dto.startsAt,
      endsAt: dto.endsAt ?? null,
    });
    await this.em.flush();
    return toMembershipDto(membership);
  }

  async update(
    auth: AuthContext,
    userId: string,
    id: string,
    dto: UpdateMembershipDto,
  ): Promise<MembershipDto> {
    await this.requireUser(auth, userId, 'manage');
    const membership = await this.findMembership(userId, id);
    this.em.assign(membership, dto);
    this.requirePeriod(membership.startsAt, membership.endsAt ?? null);
    await this.em.flush();
    return toMembershipDto(membership);
  }

  async remove(auth: AuthContext, userId: string, id: string): Promise<void> {
    await this.requireUser(auth, userId, 'manage');
    this.em.remove(await this.findMembership(userId, id));
    await this.em.flush();
  }

  private requirePeriod(startsAt: Date, endsAt: Date | null): void {
    if (endsAt && endsAt <= startsAt) {
      throw new IdentityError('invalid-period', 'endsAt must be after startsAt');
    }
  }

  private async findMembership(userId: string, id: string): Promise<Membership> {
    const membership = await this.em.findOne(Membership, { id, user: userId });
    if (!membership)
      throw new IdentityError('membership-not-found', `Membership ${id} does not exist`);
    return membership;
  }

  /** The user, if the caller may read (or manage) their memberships; 404 when out of reach, 403 when read-only. */
  private async requireUser(
    auth: AuthContext,
    userId: string,
    action: 'read' | 'manage',
  ): Promise<User> {
    const user = await this.em.findOne(User, userId);
    const organizationId = user?.organization?.id;
    const manages =
      !auth.readOnly &&
      (isAdmin(auth) || (!!organizationId && managesOrganization(auth, organizationId)));
    const isSelf = auth.userId === userId;
    if (
      !user ||
      !(manages || isSelf || (auth.readOnly && auth.organizationId === organizationId))
    ) {
      throw new IdentityError('user-not-found', `User ${userId} does not exist`);
    }
    if (action === 'manage' && !manages) {
      throw new IdentityError(
        'not-allowed',
        'Only Admins and organizers of the user’s organization manage memberships',
      );
    }
    return user;
  }
}
