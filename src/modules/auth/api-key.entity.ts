import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from './organization.entity';
import { User } from './user.entity';

export const API_KEY_ROLES = ['ORGANIZER', 'READ_ONLY'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** A server-to-server credential bound to one organization. Only a SHA-256 of the key is stored. */
export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    organization: () => p.manyToOne(Organization).ref().index(),
    name: p.string().length(200),
    role: p.enum(API_KEY_ROLES),
    /** Hex SHA-256 of the whole key: keys are 256-bit random, so a fast hash is enough. */
    keyHash: p.string().length(64).unique(),
    /** The first characters of the key, shown in lists so people can tell keys apart. */
    prefix: p.string().length(16),
    createdBy: () => p.manyToOne(User).ref().nullable(),
    lastUsedAt: p.datetime().nullable(),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
