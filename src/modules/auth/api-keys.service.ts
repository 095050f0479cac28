import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { ApiKey } from './api-key.entity';
import { AccessService } from './access.service';
import { type AuthContext, isAdmin } from './auth-context';
import { IdentityError } from './auth.error';
import type { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { toApiKeyDto } from './identity.mapper';
import { Organization } from './organization.entity';
import { User } from './user.entity';

export const API_KEY_PREFIX = 'tk_';
const LAST_USED_PRECISION_MS = 60_000;

const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** API keys: Organizers (for their organization) and Admins issue, list and revoke them. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  async create(auth: AuthContext, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    this.requirePerson(auth);
    const organizationId = dto.organizationId ?? auth.organizationId;
    if (!organizationId) {
      throw new IdentityError(
        'organization-required',
        'Admins must name the organizationId the key belongs to',
      );
    }
    this.access.requireOrganizationManager(
      auth,
      organizationId,
      () =>
        new IdentityError(
          'organization-not-found',
          `Organization ${organizationId} does not exist`,
        ),
    );
    if (!(await this.em.count(Organization, { id: organizationId }))) {
      throw new IdentityError(
        'organization-not-found',
        `Organization ${organizationId} does not exist`,
      );
    }
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const apiKey = this.em.create(ApiKey, {
      organization: this.em.getReference(Organization, organizationId),
      name: dto.name,
      role: dto.role,
      keyHash: hashKey(key),
      prefix: key.slice(0, 10),
      createdBy: auth.userId ? this.em.getReference(User, auth.userId) : null,
      expiresAt: dto.expiresAt ?? null,
    });
    await this.em.flush();
    return { ...toApiKeyDto(apiKey), key };
  }

  /** Admins list every key (or one organization's); Organizers, their organization's. */
  async list(auth: AuthContext, organizationId?: string): Promise<ApiKeyDto[]> {
    this.requirePerson(auth);
    const scope = isAdmin(auth) ? organizationId : (auth.organizationId ?? '');
    const keys = await this.em.find(ApiKey, scope ? { organization: scope } : {}, {
      orderBy: { createdAt: 'desc' },
    });
    return keys.map(toApiKeyDto);
  }

  async revoke(auth: AuthContext, id: string): Promise<void> {
    this.requirePerson(auth);
    const key = await this.em.findOne(ApiKey, id);
    if (!key) throw new IdentityError('api-key-not-found', `API key ${id} does not exist`);
    this.access.requireOrganizationManager(
      auth,
      key.organization.id,
      () => new IdentityError('api-key-not-found', `API key ${id} does not exist`),
    );
    key.revokedAt ??= new Date();
    await this.em.flush();
  }

  /** The caller a key stands for, or null when it is unknown, revoked or expired. */
  async authenticate(key: string): Promise<AuthContext | null> {
    const apiKey = await this.em.findOne(ApiKey, { keyHash: hashKey(key) });
    const now = new Date();
    if (!apiKey || apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt <= now)) return null;
    // One write a minute at most per key, not one per request.
    if (
      !apiKey.lastUsedAt ||
      now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_PRECISION_MS
    ) {
      await this.em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: now });
    }
    return {
      userId: null,
      role: 'ORGANIZER',
      organizationId: apiKey.organization.id,
      via: 'api-key',
      readOnly: apiKey.role === 'READ_ONLY',
      apiKeyId: apiKey.id,
    };
  }

  // Keys are managed by people: a leaked key must not be able to mint itself successors.
  private requirePerson(auth: AuthContext): void {
    if (auth.via !== 'jwt')
      throw new IdentityError('not-allowed', 'API keys are managed with a user’s access token');
  }
}
