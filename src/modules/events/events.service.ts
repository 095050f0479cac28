import { Injectable } from '@nestjs/common';
import {
  CheckConstraintViolationException,
  EntityManager,
  type FilterQuery,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import { type Page, pageWindow, toPage } from '@turnout/common/pagination/page-query.dto';
import { AccessService } from 'src/modules/auth/access.service';
import { type AuthContext, isAdmin } from 'src/modules/auth/auth-context';
import { OrganizationsService } from 'src/modules/auth/organizations.service';
import { Category } from './category.entity';
import { EventDetailsRegistry } from './event-details.registry';
import type { CreateEventDto, UpdateEventDto } from './dto/create-event.dto';
import type { EventDetailDto, EventDto } from './dto/event.dto';
import type { EventQueryDto } from './dto/event-query.dto';
import type { OccurrenceDto } from './dto/occurrence.dto';
import type { OrganizationDto } from 'src/modules/auth/dto/organization.dto';
import { Event } from './event.entity';
import { EventsError } from './events.error';
import { capacityRaised, EventsEventBus } from './events.events';
import { toEventDto } from './events.mapper';
import { slugify } from './slug';
import { containsPattern } from '@turnout/common/text/sql-like';
import { sqlRows } from '@turnout/common/database/sql';

type RowDate = Date | string;

interface SummaryRow {
  id: string;
  organization_id: string;
  slug: string;
  title: string;
  description: string | null;
  created_at: RowDate;
  updated_at: RowDate;
  org_slug: string;
  org_name: string;
  org_created_at: RowDate;
  org_updated_at: RowDate;
  occurrence_id: string | null;
  start_date: RowDate | null;
  end_date: RowDate | null;
  capacity: number | string | null;
  seats_held: number | string | null;
  occurrence_created_at: RowDate | null;
  occurrence_updated_at: RowDate | null;
}

/** An event as views of other things embed it. */
export type EventSummary = Pick<
  EventDto,
  'id' | 'organizationId' | 'slug' | 'title' | 'description' | 'createdAt' | 'updatedAt'
>;

/** Events, their organizations and some of their occurrences, by id. */
export interface EventSummaries {
  events: Map<string, EventSummary>;
  occurrences: Map<string, OccurrenceDto>;
  organizations: Map<string, OrganizationDto>;
}

/** Events: public reads of published ones; organizers of the organization (and Admins) manage them. */
@Injectable()
export class EventsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly organizations: OrganizationsService,
    private readonly details: EventDetailsRegistry,
    private readonly bus: EventsEventBus,
  ) {}

  async list(auth: AuthContext | null, query: EventQueryDto): Promise<Page<EventDto>> {
    const conditions: FilterQuery<Event>[] = [{ deletedAt: null }];
    if (!isAdmin(auth)) conditions.push({ $or: await this.visibleTo(auth) });
    if (query.status) conditions.push({ status: query.status });
    if (query.organizationId) conditions.push({ organizationId: query.organizationId });
    if (query.categoryId) conditions.push({ categories: query.categoryId });
    if (query.from) conditions.push({ startsAt: { $gte: query.from } });
    if (query.to) conditions.push({ startsAt: { $lt: query.to } });
    if (query.q) {
      const like = containsPattern(query.q);
      conditions.push({ $or: [{ title: { $ilike: like } }, { description: { $ilike: like } }] });
    }
    const [events, total] = await this.em.findAndCount(
      Event,
      { $and: conditions },
      { populate: ['categories'], orderBy: { startsAt: 'asc', id: 'asc' }, ...pageWindow(query) },
    );
    return toPage(events.map(toEventDto), total, query);
  }

  /**
   * Events in a scope the caller's access already decided (every one, an organization's, or
   * these ids), newest first: for dialects that list what a caller may inspect.
   */
  async pageOf(
    scope: { organizationId?: string; eventIds?: readonly string[] },
    window: { limit: number; offset: number },
  ): Promise<{ items: EventDto[]; total: number }> {
    const where: FilterQuery<Event> = { deletedAt: null };
    if (scope.organizationId) where.organizationId = scope.organizationId;
    if (scope.eventIds) where.id = { $in: [...scope.eventIds] };
    const [events, total] = await this.em.findAndCount(Event, where, {
      populate: ['categories'],
      orderBy: { createdAt: 'desc', id: 'asc' },
      ...window,
    });
    return { items: events.map(toEventDto), total };
  }

  async get(auth: AuthContext | null, id: string): Promise<EventDetailDto> {
    await this.access.requireEvent(auth, id, 'read');
    const event = toEventDto(await this.load(id));
    return { ...event, ...(await this.details.collect(auth, id)) };
  }

  async create(auth: AuthContext, dto: CreateEventDto): Promise<EventDto> {
    const organizationId = dto.organizationId ?? auth.organizationId;
    if (!organizationId) {
      throw new EventsError(
        'organization-required',
        'Admins must name the organizationId of the event',
      );
    }
    const notFound = () =>
      new EventsError('organization-not-found', `Organization ${organizationId} does not exist`);
    this.access.requireOrganizationManager(auth, organizationId, notFound);
    if (!(await this.organizations.exists(organizationId))) throw notFound();

    const { categoryIds = [], ...fields } = dto;
    const event = this.em.create(Event, {
      ...fields,
      organizationId,
      slug: dto.slug ?? (await this.freeSlug(organizationId, slugify(dto.title))),
      createdById: auth.userId,
    });
    await this.setCategories(event, categoryIds);
    this.requireConsistent(event);
    await this.flush(event);
    return toEventDto(event);
  }

  /**
   * A raised capacity is announced inside the same transaction, so the waiting list is promoted
   * before anyone else can take the new seats.
   */
  async update(auth: AuthContext, id: string, dto: UpdateEventDto): Promise<EventDto> {
    await this.access.requireEvent(auth, id, 'manage');
    const event = await this.em.transactional(async (tx) => {
      const event = await this.load(id, tx);
      const previousCapacity = event.capacity;
      const { categoryIds, ...fields } = dto;
      tx.assign(event, fields);
      if (categoryIds) await this.setCategories(event, categoryIds, tx);
      this.requireConsistent(event);
      await this.flush(event, tx);
      if (capacityRaised(previousCapacity, event.capacity)) {
        await this.bus.emit(
          'event.capacity-raised',
          { eventId: id, occurrenceId: null },
          { em: tx },
        );
      }
      await this.bus.emit('event.updated', { event: toEventDto(event) }, { em: tx });
      return event;
    });
    return toEventDto(event);
  }

  /** Soft delete: the event disappears from every list and read, its rows stay. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.access.requireEvent(auth, id, 'manage');
    const event = await this.load(id);
    event.deletedAt = new Date();
    await this.em.flush();
  }

  /** Facade for other modules: events by id (deleted ones included: past registrations point at them). */
  async byIds(ids: readonly string[]): Promise<Map<string, EventDto>> {
    const unique = [...new Set(ids)];
    const events = unique.length
      ? await this.em.find(Event, { id: { $in: unique } }, { populate: ['categories'] })
      : [];
    return new Map(events.map((event) => [event.id, toEventDto(event)]));
  }

  /**
   * Facade for views that embed an event, its organization and occurrences (seed 002
   * registrations): in one query, without entities. Deleted events included, as in `byIds`.
   */
  async summaries(
    eventIds: readonly string[],
    occurrenceIds: readonly string[],
  ): Promise<EventSummaries> {
    const summaries: EventSummaries = {
      events: new Map(),
      occurrences: new Map(),
      organizations: new Map(),
    };
    const events = [...new Set(eventIds)];
    if (events.length === 0) return summaries;
    const occurrences = [...new Set(occurrenceIds)];
    const rows = await sqlRows<SummaryRow>(
      this.em,
      `select e.id, e.organization_id, e.slug, e.title, e.description, e.created_at, e.updated_at,
              g.slug as org_slug, g.name as org_name, g.created_at as org_created_at,
              g.updated_at as org_updated_at,
              o.id as occurrence_id, o.start_date, o.end_date, o.capacity, o.seats_held,
              o.created_at as occurrence_created_at, o.updated_at as occurrence_updated_at
         from events e
         join organizations g on g.id = e.organization_id
         left join occurrences o on o.event_id = e.id and ${occurrences.length ? 'o.id in (?)' : 'false'}
        where e.id in (?)`,
      occurrences.length ? [occurrences, events] : [events],
    );
    for (const row of rows) {
      summaries.events.set(row.id, {
        id: row.id,
        organizationId: row.organization_id,
        slug: row.slug,
        title: row.title,
        description: row.description,
        createdAt: new Date(row.created_at),
        updatedAt: new Date(row.updated_at),
      });
      summaries.organizations.set(row.organization_id, {
        id: row.organization_id,
        slug: row.org_slug,
        name: row.org_name,
        createdAt: new Date(row.org_created_at),
        updatedAt: new Date(row.org_updated_at),
      });
      if (row.occurrence_id) {
        summaries.occurrences.set(row.occurrence_id, {
          id: row.occurrence_id,
          eventId: row.id,
          startDate: new Date(row.start_date!),
          endDate: new Date(row.end_date!),
          capacity: row.capacity === null ? null : Number(row.capacity),
          registrations: Number(row.seats_held),
          createdAt: new Date(row.occurrence_created_at!),
          updatedAt: new Date(row.occurrence_updated_at!),
        });
      }
    }
    return summaries;
  }

  /** Which events a caller may see beyond the published ones. */
  private async visibleTo(auth: AuthContext | null): Promise<FilterQuery<Event>[]> {
    const visible: FilterQuery<Event>[] = [{ status: 'PUBLISHED' }];
    if (auth?.role === 'ORGANIZER' && auth.organizationId)
      visible.push({ organizationId: auth.organizationId });
    const managed = await this.access.managedEventIds(auth);
    if (managed.length) visible.push({ id: { $in: managed } });
    return visible;
  }

  private async load(id: string, em: EntityManager = this.em): Promise<Event> {
    return em.findOneOrFail(Event, { id, deletedAt: null }, { populate: ['categories'] });
  }

  private async setCategories(
    event: Event,
    categoryIds: string[],
    em: EntityManager = this.em,
  ): Promise<void> {
    const unique = [...new Set(categoryIds)];
    const categories = unique.length
      ? await em.find(Category, { id: { $in: unique }, organizationId: event.organizationId })
      : [];
    if (categories.length !== unique.length) {
      throw new EventsError(
        'unknown-category',
        'Every category must exist in the event’s organization',
      );
    }
    event.categories.set(categories);
  }

  private requireConsistent(event: Event): void {
    if (event.startsAt && event.endsAt && event.endsAt < event.startsAt) {
      throw new EventsError('invalid-period', 'endsAt must not be before startsAt');
    }
    if (event.waitlistPolicy === 'OFFER' && !event.offerTtlMinutes) {
      throw new EventsError(
        'offer-ttl-required',
        'Set offerTtlMinutes to use the OFFER waiting-list policy',
      );
    }
  }

  /** `base`, or `base-2`, `base-3`… whichever is free in the organization. */
  private async freeSlug(organizationId: string, base: string): Promise<string> {
    const taken = new Set(
      (
        await this.em.find(
          Event,
          { organizationId, slug: { $like: `${base}%` } },
          { fields: ['slug'] },
        )
      ).map((event) => event.slug),
    );
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  private async flush(event: Event, em: EntityManager = this.em): Promise<void> {
    try {
      await em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new EventsError(
          'slug-taken',
          `The slug ${event.slug} is already used in the organization`,
        );
      }
      // The database refuses a capacity below the seats held (events_seats_check), atomically.
      if (error instanceof CheckConstraintViolationException) {
        throw new EventsError('capacity-below-held', `${event.seatsHeld} seat(s) are already held`);
      }
      throw error;
    }
  }
}
