import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { ROLES } from './auth-context';
import { Organization } from './organization.entity';

/** A person: someone who logs in, or an integrator's user known by `externalId` within an organization. */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  uniques: [
    { name: 'users_organization_external_id_unique', properties: ['organization', 'externalId'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** Stored lower-cased, so uniqueness is case-insensitive. Null for external users without one. */
    email: p.string().length(320).nullable().unique(),
    name: p.string().length(200).nullable(),
    firstName: p.string().length(100).nullable(),
    lastName: p.string().length(100).nullable(),
    phone: p.string().length(50).nullable(),
    avatarUrl: p.string().length(2048).nullable(),
    role: p.enum(ROLES).default('USER'),
    organization: () => p.manyToOne(Organization).nullable().ref().index(),
    externalId: p.string().length(200).nullable(),
    isActive: p.boolean().default(true),
    passwordHash: p.string().length(200).nullable().hidden().lazy(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
