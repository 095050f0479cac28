import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { CustomField, type CustomFieldType } from './custom-field.entity';
import type { CustomFieldRule } from './custom-field-values';
import { Event } from './event.entity';
import { EventsError } from './events.error';

export interface CustomFieldView extends CustomFieldRule {
  id: string;
  eventId: string;
  label: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CustomFieldInput {
  key: string;
  label: string;
  type: CustomFieldType;
  options?: string[] | null;
  required?: boolean;
}

export type CustomFieldChanges = Partial<Pick<CustomFieldInput, 'label' | 'options' | 'required'>>;

/** A project has at most this many custom fields: every attendee write checks against all of them. */
export const MAX_CUSTOM_FIELDS = 100;
const CHOICE_TYPES: ReadonlySet<CustomFieldType> = new Set(['select', 'multiselect']);

const toView = (field: CustomField): CustomFieldView => ({
  id: field.id,
  eventId: field.event.id,
  key: field.key,
  label: field.label,
  type: field.type,
  options: field.options ?? null,
  required: field.required,
  createdAt: field.createdAt,
  updatedAt: field.updatedAt,
});

/** Options belong to choice types only, and a choice type needs distinct options. */
function requireConsistent(type: CustomFieldType, options: string[] | null | undefined): void {
  if (CHOICE_TYPES.has(type)) {
    if (!options?.length || new Set(options).size !== options.length) {
      throw new EventsError(
        'invalid-custom-field',
        `A ${type} field needs a list of distinct options`,
        {
          errors: [{ pointer: '/options', message: 'must be a non-empty list of distinct values' }],
        },
      );
    }
  } else if (options?.length) {
    throw new EventsError('invalid-custom-field', `A ${type} field takes no options`, {
      errors: [{ pointer: '/options', message: `a ${type} field takes no options` }],
    });
  }
}

/** The questions an event asks its attendees. */
@Injectable()
export class CustomFieldsService {
  constructor(private readonly em: EntityManager) {}

  async list(eventId: string): Promise<CustomFieldView[]> {
    const fields = await this.em.find(
      CustomField,
      { event: eventId },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return fields.map(toView);
  }

  async get(eventId: string, id: string): Promise<CustomFieldView> {
    return toView(await this.load(eventId, id));
  }

  async create(eventId: string, input: CustomFieldInput): Promise<CustomFieldView> {
    requireConsistent(input.type, input.options);
    if ((await this.em.count(CustomField, { event: eventId })) >= MAX_CUSTOM_FIELDS) {
      throw new EventsError(
        'invalid-custom-field',
        `A project has at most ${MAX_CUSTOM_FIELDS} custom fields`,
      );
    }
    const field = this.em.create(CustomField, {
      event: this.em.getReference(Event, eventId),
      key: input.key,
      label: input.label,
      type: input.type,
      options: input.options ?? null,
      required: input.required ?? false,
    });
    await this.flushUnique();
    return toView(field);
  }

  async update(eventId: string, id: string, changes: CustomFieldChanges) {
    const field = await this.load(eventId, id);
    requireConsistent(field.type, changes.options === undefined ? field.options : changes.options);
    this.em.assign(field, changes);
    await this.flushUnique();
    return toView(field);
  }

  async remove(eventId: string, id: string): Promise<void> {
    const field = await this.load(eventId, id);
    await this.em.remove(field).flush();
  }

  private async load(eventId: string, id: string): Promise<CustomField> {
    const field = await this.em.findOne(CustomField, { id, event: eventId });
    if (!field)
      throw new EventsError('custom-field-not-found', `Custom field ${id} does not exist`);
    return field;
  }

  private async flushUnique(): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new EventsError('custom-field-key-taken');
      }
      throw error;
    }
  }
}
