import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

/** A label an organization puts on its events (seed 002 filters registrations by category). */
export const CategorySchema = defineEntity({
  name: 'Category',
  tableName: 'categories',
  uniques: [
    { name: 'categories_organization_name_unique', properties: ['organizationId', 'name'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** The owning organization (auth module); linked by id, not by entity, across the module boundary. */
    organizationId: p.uuid(),
    name: p.string().length(100),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});

export class Category extends CategorySchema.class {}
CategorySchema.setClass(Category);
