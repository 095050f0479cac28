import type { Category } from './category.entity';
import type { CategoryDto } from './dto/category.dto';
import type { EventDto } from './dto/event.dto';
import type { OccurrenceDto } from './dto/occurrence.dto';
import type { Event } from './event.entity';
import type { Occurrence } from './occurrence.entity';

/** `event.categories` must be loaded. */
export const toEventDto = (event: Event): EventDto => ({
  id: event.id,
  organizationId: event.organizationId,
  slug: event.slug,
  title: event.title,
  description: event.description ?? null,
  status: event.status,
  startsAt: event.startsAt ?? null,
  endsAt: event.endsAt ?? null,
  capacity: event.capacity ?? null,
  waitlistEnabled: event.waitlistEnabled,
  requiresEmergencyContact: event.requiresEmergencyContact,
  waitlistPolicy: event.waitlistPolicy,
  offerTtlMinutes: event.offerTtlMinutes ?? null,
  categoryIds: event.categories.getItems().map((category) => category.id),
  createdById: event.createdById ?? null,
  createdAt: event.createdAt,
  updatedAt: event.updatedAt,
});

export const toOccurrenceDto = (occurrence: Occurrence): OccurrenceDto => ({
  id: occurrence.id,
  eventId: occurrence.event.id,
  startDate: occurrence.startDate,
  endDate: occurrence.endDate,
  capacity: occurrence.capacity ?? null,
  registrations: occurrence.seatsHeld,
  createdAt: occurrence.createdAt,
  updatedAt: occurrence.updatedAt,
});

export const toCategoryDto = (category: Category): CategoryDto => ({
  id: category.id,
  organizationId: category.organizationId,
  name: category.name,
  createdAt: category.createdAt,
  updatedAt: category.updatedAt,
});
