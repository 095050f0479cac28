import { Injectable } from '@nestjs/common';
import { compileFilters, compileSort } from '@turnout/common/filtering/compile-filters';
import type { FilterClause, FilterSpec, SortClause } from '@turnout/common/filtering/filter-spec';
import { compoundDocument, type ResourceObject } from '@turnout/common/jsonapi/document';
import { parseFields, parseInclude } from '@turnout/common/jsonapi/query';
import { RequestValidationError } from '@turnout/common/validation/request-validation.error';
import { AccessService } from 'src/modules/auth/access.service';
import { type AuthContext, isAdmin, managesOrganization } from 'src/modules/auth/auth-context';
import {
  AttendeeTypesService,
  type AttendeeTypeView,
} from 'src/modules/events/attendee-types.service';
import { checkCustomFieldValues } from 'src/modules/events/custom-field-values';
import { CustomFieldsService } from 'src/modules/events/custom-fields.service';
import { EventsService } from 'src/modules/events/events.service';
import {
  ATTENDEE_COLUMNS as c,
  AttendeeDirectory,
  type BookingView,
} from 'src/modules/registrations/attendee-directory.service';
import { ATTENDEE_STATUSES } from 'src/modules/registrations/attendee-status';
import type { AttendeeSnapshot } from 'src/modules/registrations/registration.events';
import { AttendeesError } from './attendees.error';
import {
  SIGNUP_ATTENDEE_FILTERS,
  SIGNUP_ATTENDEE_INCLUDES,
  type OffsetPageQueryDto,
  type SignupAttendeeQueryDto,
  type SparseQueryDto,
} from './dto/signups.dto';
import {
  type AttendeeRelationship,
  signupPath,
  SPARSE_FIELDS,
  toAttendeeResource,
  toEmergencyContactResource,
  toPersonResource,
  toRegistrationResource,
  toSelectionTypeResource,
  toSignupResource,
} from './planning-center.mapper';

const STATUS_SPEC: FilterSpec = {
  fields: {
    status: { type: 'enum', sql: c.status, values: ATTENDEE_STATUSES },
    created_at: { type: 'datetime', sql: c.createdAt, sortable: true },
    waitlisted_at: { type: 'datetime', sql: c.waitlistedAt, sortable: true },
  },
};

/** `filter=active,canceled,waitlist`: each one a condition on the status; together, all must hold. */
const FILTER_CLAUSES: Record<(typeof SIGNUP_ATTENDEE_FILTERS)[number], FilterClause> = {
  active: { field: 'status', operator: 'in', value: ['PENDING', 'CONFIRMED', 'ATTENDED'] },
  canceled: { field: 'status', operator: '=', value: 'CANCELLED' },
  waitlist: { field: 'status', operator: '=', value: 'WAITING_LIST' },
};

const signupNotFound = (id: string) =>
  new AttendeesError('signup-not-found', `Signup ${id} does not exist`);

/**
 * Seed 001: Planning Center's signups and attendees, as JSON:API. Organization admins (Admins,
 * organizers and API keys of the organization) see every signup of it; signup managers see the
 * signups they manage; for anyone else nothing here exists (404).
 */
@Injectable()
export class SignupsService {
  constructor(
    private readonly access: AccessService,
    private readonly events: EventsService,
    private readonly directory: AttendeeDirectory,
    private readonly attendeeTypes: AttendeeTypesService,
    private readonly customFields: CustomFieldsService,
  ) {}

  async listSignups(auth: AuthContext, query: OffsetPageQueryDto, url: string) {
    const scope = await this.scopeOf(auth);
    if (!scope) throw new AttendeesError('signup-not-found', 'You manage no signups');
    const { items, total } = await this.events.pageOf(scope, {
      limit: query.per_page,
      offset: query.offset,
    });
    return compoundDocument({
      data: items.map(toSignupResource),
      links: pageLinks(url, query, total),
      meta: pageMeta(query, items.length, total, { can_include: [], can_filter: [] }),
    });
  }

  async getSignup(auth: AuthContext, signupId: string) {
    await this.requireSignup(auth, signupId);
    const [event] = (await this.events.byIds([signupId])).values();
    return compoundDocument({
      data: toSignupResource(event),
      links: { self: signupPath(event.id) },
    });
  }

  async listAttendees(
    auth: AuthContext,
    signupId: string,
    query: SignupAttendeeQueryDto,
    url: string,
  ) {
    const include = parseInclude(query.include, SIGNUP_ATTENDEE_INCLUDES);
    const fields = parseFields(query.fields, SPARSE_FIELDS);
    const where = compileFilters(STATUS_SPEC, parseFilter(query.filter), {
      location: 'query',
      pointer: () => '/filter',
    });
    const order: SortClause[] = query.order
      ? [
          {
            field: query.order.replace(/^-/, ''),
            direction: query.order.startsWith('-') ? 'desc' : 'asc',
          },
        ]
      : [{ field: 'created_at', direction: 'asc' }];
    await this.requireSignup(auth, signupId);
    const { items, total } = await this.directory.page(signupId, {
      where,
      orderBy: compileSort(STATUS_SPEC, order, { pointer: () => '/order', location: 'query' }),
      limit: query.per_page,
      offset: query.offset,
    });
    return compoundDocument({
      data: await this.attendeeResources(signupId, items, fields),
      included: await this.related(items, include),
      links: pageLinks(url, query, total),
      meta: {
        ...pageMeta(query, items.length, total, {
          can_include: [...SIGNUP_ATTENDEE_INCLUDES],
          can_filter: [...SIGNUP_ATTENDEE_FILTERS],
          can_order_by: ['created_at', 'waitlisted_at'],
        }),
        parent: { id: signupId, type: 'Signup' },
      },
      fields,
    });
  }

  async getAttendee(auth: AuthContext, signupId: string, id: string, query: SparseQueryDto) {
    const include = parseInclude(query.include, SIGNUP_ATTENDEE_INCLUDES);
    const fields = parseFields(query.fields, SPARSE_FIELDS);
    const attendee = await this.requireAttendee(auth, signupId, id);
    const [resource] = await this.attendeeResources(signupId, [attendee], fields);
    return compoundDocument({
      data: resource,
      included: await this.related([attendee], include),
      links: { self: `${signupPath(signupId)}/attendees/${id}` },
      fields,
    });
  }

  /** One of the attendee's associations; a missing one is `data: null`, not a 404. */
  async association(
    auth: AuthContext,
    signupId: string,
    attendeeId: string,
    name: AttendeeRelationship,
    query: SparseQueryDto,
  ) {
    parseInclude(query.include, []);
    const fields = parseFields(query.fields, SPARSE_FIELDS);
    const attendee = await this.requireAttendee(auth, signupId, attendeeId);
    const [resource = null] = await this.related([attendee], [name]);
    return compoundDocument({
      data: resource,
      links: { self: `${signupPath(signupId)}/attendees/${attendeeId}/${name}` },
      fields,
    });
  }

  // ---- access ----

  /** What the caller may list: every signup (Admin), an organization's, or the ones they manage. */
  private async scopeOf(
    auth: AuthContext,
  ): Promise<{ organizationId?: string; eventIds?: string[] } | null> {
    if (isAdmin(auth)) return {};
    const organizationId = auth.organizationId;
    if (organizationId && (managesOrganization(auth, organizationId) || auth.readOnly)) {
      return { organizationId };
    }
    const managed = await this.access.managedEventIds(auth);
    return managed.length > 0 ? { eventIds: managed } : null;
  }

  private async requireSignup(auth: AuthContext, signupId: string): Promise<void> {
    try {
      await this.access.requireEvent(auth, signupId, 'inspect', { conceal: true });
    } catch (error) {
      if ((error as { status?: number }).status === 404) throw signupNotFound(signupId);
      throw error;
    }
  }

  private async requireAttendee(auth: AuthContext, signupId: string, id: string) {
    await this.requireSignup(auth, signupId);
    const attendee = await this.directory.get(signupId, id);
    if (!attendee) throw new AttendeesError('attendee-not-found', `Attendee ${id} does not exist`);
    return attendee;
  }

  // ---- rendering ----

  /** Attendee resources; `complete` is worked out only when `fields[Attendee]` asks for it. */
  private async attendeeResources(
    signupId: string,
    attendees: readonly AttendeeSnapshot[],
    fields: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<ResourceObject[]> {
    const isComplete = fields.get('Attendee')?.has('complete')
      ? await this.completeness(signupId)
      : undefined;
    return attendees.map((attendee) => toAttendeeResource(attendee, isComplete?.(attendee)));
  }

  /** Complete: every required custom field answered, and an emergency contact if the event asks for one. */
  private async completeness(signupId: string) {
    const [fields, events] = await Promise.all([
      this.customFields.list(signupId),
      this.events.byIds([signupId]),
    ]);
    const needsContact = events.get(signupId)?.requiresEmergencyContact ?? false;
    return (attendee: AttendeeSnapshot) =>
      (!needsContact || attendee.emergencyContact !== null) &&
      checkCustomFieldValues(
        fields.filter((field) => field.required),
        Object.fromEntries(
          Object.entries(attendee.fields).filter(([key]) =>
            fields.some((field) => field.key === key),
          ),
        ),
        { complete: true, pointer: (key) => key },
      ).length === 0;
  }

  /** The related resources of a page, each looked up once. */
  private async related(
    attendees: readonly AttendeeSnapshot[],
    include: readonly string[],
  ): Promise<ResourceObject[]> {
    const wanted = new Set(include);
    const [types, bookings] = await Promise.all([
      wanted.has('selection_type')
        ? this.attendeeTypes.byIds(attendees.flatMap((a) => a.attendeeTypeId ?? []))
        : new Map<string, AttendeeTypeView>(),
      wanted.has('registration')
        ? this.directory.bookings(attendees.map((a) => a.registrationId))
        : new Map<string, BookingView>(),
    ]);
    return attendees.flatMap((attendee) => {
      const resources: Array<ResourceObject | null | undefined> = [];
      if (wanted.has('emergency_contact')) resources.push(toEmergencyContactResource(attendee));
      if (wanted.has('person')) resources.push(toPersonResource(attendee));
      if (wanted.has('registration')) {
        const booking = bookings.get(attendee.registrationId);
        resources.push(booking && toRegistrationResource(booking));
      }
      if (wanted.has('selection_type') && attendee.attendeeTypeId) {
        const type = types.get(attendee.attendeeTypeId);
        resources.push(type && toSelectionTypeResource(type));
      }
      return resources.filter((resource): resource is ResourceObject => !!resource);
    });
  }
}

function parseFilter(value: string | undefined): FilterClause[] {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter(
    (name) => !(SIGNUP_ATTENDEE_FILTERS as readonly string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new RequestValidationError([
      {
        pointer: '/filter',
        in: 'query',
        message: `unknown filter ${unknown.join(', ')}; filters: ${SIGNUP_ATTENDEE_FILTERS.join(', ')}`,
      },
    ]);
  }
  return [...new Set(names)].map((name) => FILTER_CLAUSES[name as keyof typeof FILTER_CLAUSES]);
}

/** `self`, `next` and `prev`: the request's own URL with `offset` moved. */
function pageLinks(url: string, query: OffsetPageQueryDto, total: number) {
  const target = new URL(url, 'http://turnout.invalid');
  const at = (offset: number) => {
    target.searchParams.set('offset', String(offset));
    target.searchParams.set('per_page', String(query.per_page));
    return `${target.pathname}${target.search}`;
  };
  const next = query.offset + query.per_page;
  return {
    self: at(query.offset),
    ...(next < total ? { next: at(next) } : {}),
    ...(query.offset > 0 ? { prev: at(Math.max(0, query.offset - query.per_page)) } : {}),
  };
}

function pageMeta(
  query: OffsetPageQueryDto,
  count: number,
  total: number,
  extra: Record<string, unknown>,
) {
  const next = query.offset + query.per_page;
  return {
    total_count: total,
    count,
    ...(next < total ? { next: { offset: next } } : {}),
    ...(query.offset > 0 ? { prev: { offset: Math.max(0, query.offset - query.per_page) } } : {}),
    ...extra,
  };
}
