import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { compileFilters, compileSort } from '@turnout/common/filtering/compile-filters';
import type { FilterClause, FilterSpec, SortClause } from '@turnout/common/filtering/filter-spec';
import {
  filterParamOptions,
  parseFilterParams,
  parseSortParam,
  SORT_PARAM_OPTIONS,
} from '@turnout/common/filtering/query-params';
import { toNumberedPage } from '@turnout/common/pagination/numbered-page';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { CredentialsService } from 'src/modules/credentials/credentials.service';
import {
  type AttendeeTypeView,
  AttendeeTypesService,
} from 'src/modules/events/attendee-types.service';
import {
  CustomFieldsService,
  type CustomFieldView,
} from 'src/modules/events/custom-fields.service';
import { GroupsService } from 'src/modules/events/groups.service';
import { type Project, ProjectsService } from 'src/modules/events/projects.service';
import { type Bookable, SeatsService } from 'src/modules/events/seats.service';
import { AttendeeDirectory } from 'src/modules/registrations/attendee-directory.service';
import { toSnapshot } from 'src/modules/registrations/attendee.snapshot';
import type { AttendeeSnapshot } from 'src/modules/registrations/registration.events';
import { RegistrationsService } from 'src/modules/registrations/registrations.service';
import { attendeeFilterSpec, CUSTOM_FIELDS_PREFIX, parseIncludes } from './attendee-query';
import { prepareWrite, type WriteMode } from './attendee-writes';
import { AttendeesError } from './attendees.error';
import type {
  AttendeeInclude,
  CreateGxpAttendeeDto,
  GxpAttendeeDto,
  GxpAttendeeQueryDto,
  GxpAttendeeSearchDto,
  IncludeQueryDto,
  UpdateGxpAttendeeDto,
} from './dto/gxp-attendee.dto';
import { toGxpAttendee } from './gxp-attendee.mapper';

export interface ProjectRef {
  teamSlug: string;
  projectSlug: string;
}

/** Seed 003: a project's attendees (list, search, read, create, update, delete). */
@Injectable()
export class ProjectAttendeesService {
  constructor(
    private readonly em: EntityManager,
    private readonly projects: ProjectsService,
    private readonly seats: SeatsService,
    private readonly directory: AttendeeDirectory,
    private readonly registrations: RegistrationsService,
    private readonly customFields: CustomFieldsService,
    private readonly attendeeTypes: AttendeeTypesService,
    private readonly groups: GroupsService,
    private readonly credentials: CredentialsService,
  ) {}

  async list(auth: AuthContext, ref: ProjectRef, query: GxpAttendeeQueryDto, url: string) {
    const project = await this.require(auth, ref, 'inspect');
    const spec = await this.filterSpec(project, [query.filter, query.sort]);
    const filters = parseFilterParams({ filter: query.filter ?? {} }, spec);
    return this.page(project, spec, filters, parseSortParam(query.sort), query, url, 'query');
  }

  async search(
    auth: AuthContext,
    ref: ProjectRef,
    body: GxpAttendeeSearchDto,
    query: IncludeQueryDto,
    url: string,
  ) {
    const project = await this.require(auth, ref, 'inspect');
    const spec = await this.filterSpec(project, [body.filters, body.sort]);
    return this.page(project, spec, body.filters, body.sort, query, url, 'body');
  }

  /**
   * What may be filtered and sorted on. The event's custom field definitions are read only when
   * the request names one (`custom_fields.<key>` appears in it): most lists never do.
   */
  private async filterSpec(project: Project, input: unknown): Promise<FilterSpec> {
    const named = JSON.stringify(input ?? null).includes(CUSTOM_FIELDS_PREFIX);
    return attendeeFilterSpec(named ? await this.customFields.list(project.eventId) : []);
  }

  /** Same paging and envelope for the list (`filter[...]`, `sort=`) and the search body. */
  private async page(
    project: Project,
    spec: FilterSpec,
    filters: readonly FilterClause[],
    sort: readonly SortClause[],
    query: IncludeQueryDto,
    url: string,
    location: 'query' | 'body',
  ) {
    const include = parseIncludes(query.include);
    const inBody = location === 'body';
    const where = compileFilters(
      spec,
      filters,
      inBody
        ? { pointer: (index, member) => `/filters/${index}/${member}` }
        : filterParamOptions(filters),
    );
    const orderBy = compileSort(
      spec,
      sort.length > 0 ? sort : [{ field: 'created_at', direction: 'asc' }],
      inBody ? { pointer: (index, member) => `/sort/${index}/${member}` } : SORT_PARAM_OPTIONS,
    );
    const { items, total } = await this.directory.page(project.eventId, {
      where,
      orderBy,
      limit: query.per_page,
      offset: (query.page - 1) * query.per_page,
    });
    const data = await this.render(project.eventId, items, include);
    return toNumberedPage(data, total, { page: query.page, perPage: query.per_page, url });
  }

  async get(auth: AuthContext, ref: ProjectRef, id: string, include?: string) {
    const wanted = parseIncludes(include);
    const project = await this.require(auth, ref, 'inspect');
    return { data: await this.renderOne(project.eventId, await this.load(project, id), wanted) };
  }

  async create(auth: AuthContext, ref: ProjectRef, dto: CreateGxpAttendeeDto) {
    const project = await this.require(auth, ref, 'manage');
    const fields = await this.customFields.list(project.eventId);
    const { changes, errors } = prepareWrite(dto, 'create', fields, null);
    this.rejectInvalid(errors);
    await this.requireFreeEmails(project, [{ email: changes.email }]);
    const bookable = await this.bookable(project);
    const attendee = await this.em.transactional(async (tx) => {
      await this.requireTypes(tx, project, [changes.attendeeTypeId]);
      const booked = await this.registrations.book({
        bookable,
        person: { userId: null, ...changes },
        requested: 'CONFIRMED',
        registrantUserId: auth.userId,
      });
      return toSnapshot(booked);
    });
    return { data: await this.renderOne(project.eventId, attendee) };
  }

  /** PUT (`replace`) and PATCH (`merge`): they differ only in how `custom_fields` is applied. */
  async update(
    auth: AuthContext,
    ref: ProjectRef,
    id: string,
    dto: UpdateGxpAttendeeDto,
    mode: Exclude<WriteMode, 'create'>,
  ) {
    const project = await this.require(auth, ref, 'manage');
    await this.load(project, id);
    if (dto.email) await this.requireFreeEmails(project, [{ email: dto.email, self: id }]);
    const fields = await this.customFields.list(project.eventId);
    const bookable = await this.bookable(project);
    const [attendee] = await this.em.transactional(async (tx) => {
      await this.requireTypes(tx, project, [dto.attendee_type_id]);
      return this.registrations.updateProfiles(bookable, [id], ([current]) => {
        const { changes, errors } = prepareWrite(dto, mode, fields, current);
        this.rejectInvalid(errors);
        return new Map([[id, changes]]);
      });
    });
    return { data: await this.renderOne(project.eventId, attendee) };
  }

  /** Deletes the attendee with its credentials, group memberships and answers; the seat goes to the next in line. */
  async remove(auth: AuthContext, ref: ProjectRef, id: string): Promise<void> {
    const project = await this.require(auth, ref, 'manage');
    const attendee = await this.load(project, id);
    // The seat is the occurrence's when the attendee registered for one (through seed 002).
    await this.registrations.remove(
      id,
      await this.bookable(project, attendee.occurrenceId),
      'hard',
    );
  }

  // ---- shared with the batch and group services ----

  require(auth: AuthContext, ref: ProjectRef, action: 'inspect' | 'manage'): Promise<Project> {
    return this.projects.require(auth, ref.teamSlug, ref.projectSlug, action);
  }

  /** Where the project's seats are counted: the event, or one of its occurrences. */
  async bookable(project: Project, occurrenceId: string | null = null): Promise<Bookable> {
    const bookable = await this.seats.bookable(this.em, { eventId: project.eventId, occurrenceId });
    if (!bookable) throw new AttendeesError('attendee-not-found', 'The project is gone');
    return bookable;
  }

  customFieldsOf(project: Project): Promise<CustomFieldView[]> {
    return this.customFields.list(project.eventId);
  }

  async load(project: Project, id: string): Promise<AttendeeSnapshot> {
    const attendee = await this.directory.get(project.eventId, id);
    if (!attendee) throw new AttendeesError('attendee-not-found', `Attendee ${id} does not exist`);
    return attendee;
  }

  /** Attendee types named by a write exist in the project, share-locked for the transaction. */
  async requireTypes(
    tx: EntityManager,
    project: Project,
    ids: ReadonlyArray<string | null | undefined>,
    pointer: (index: number) => string = () => '/attendee_type_id',
  ): Promise<void> {
    const wanted = ids.flatMap((id) => (id ? [id.toLowerCase()] : []));
    const missing = new Set(await this.attendeeTypes.lockForUse(tx, project.eventId, wanted));
    const errors = ids.flatMap((id, index) =>
      id && missing.has(id.toLowerCase())
        ? [{ pointer: pointer(index), message: `${id} is not an attendee type of this project` }]
        : [],
    );
    if (errors.length > 0) {
      throw new AttendeesError('invalid-attendees', 'Unknown attendee type', { errors });
    }
  }

  /**
   * 409 when an email is already another active attendee's in the project (any occurrence), or
   * twice in the request. A courtesy check with pointers: the unique index decides under
   * concurrency. `self` is the attendee being updated, who may keep their own email.
   */
  async requireFreeEmails(
    project: Project,
    items: ReadonlyArray<{ email?: string | null; self?: string }>,
    pointer: (index: number) => string = () => '/email',
  ): Promise<void> {
    const emails = items.flatMap(({ email }) => (email ? [email.toLowerCase()] : []));
    const holders = await this.directory.emailHolders(project.eventId, emails);
    const seen = new Set<string>();
    const errors = items.flatMap(({ email, self }, index) => {
      const key = email?.toLowerCase();
      if (!key) return [];
      const others = (holders.get(key) ?? []).filter((id) => id !== self);
      const duplicate = others.length > 0 || seen.has(key);
      seen.add(key);
      return duplicate ? [{ pointer: pointer(index), message: `${email} already exists` }] : [];
    });
    if (errors.length > 0) {
      throw new AttendeesError('email-taken', 'Email already exists in this project', { errors });
    }
  }

  rejectInvalid(errors: ReturnType<typeof prepareWrite>['errors']): void {
    if (errors.length > 0) {
      throw new AttendeesError('invalid-custom-fields', 'Check the custom field values', {
        errors,
      });
    }
  }

  async renderOne(
    eventId: string,
    attendee: AttendeeSnapshot,
    include: ReadonlySet<AttendeeInclude> = new Set(),
  ): Promise<GxpAttendeeDto> {
    const [dto] = await this.render(eventId, [attendee], new Set([...include, 'attendee_type']));
    return dto;
  }

  /**
   * Renders a page, looking each kind of related resource up once; `typesOf` may supply the
   * attendee types from a cache of the caller's.
   */
  async render(
    eventId: string,
    attendees: readonly AttendeeSnapshot[],
    include: ReadonlySet<AttendeeInclude>,
    typesOf: (ids: string[]) => Promise<Map<string, AttendeeTypeView>> = (ids) =>
      this.attendeeTypes.byIds(ids),
  ): Promise<GxpAttendeeDto[]> {
    const ids = attendees.map((attendee) => attendee.id);
    const [types, credentials, groups] = await Promise.all([
      include.has('attendee_type')
        ? typesOf(attendees.flatMap((a) => a.attendeeTypeId ?? []))
        : new Map(),
      include.has('credentials') ? this.credentials.byAttendees(eventId, ids) : new Map(),
      include.has('groups') ? this.groups.byIds(attendees.flatMap((a) => a.groupIds)) : new Map(),
    ]);
    return attendees.map((attendee) =>
      toGxpAttendee(attendee, { include, types, credentials, groups }),
    );
  }
}
