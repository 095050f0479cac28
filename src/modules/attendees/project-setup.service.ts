import { Injectable } from '@nestjs/common';
import { numberedWindow, toNumberedPage } from '@turnout/common/pagination/numbered-page';
import type { NumberedPageQueryDto } from '@turnout/common/pagination/numbered-page.dto';
import { isoSeconds } from '@turnout/common/text/iso-seconds';
import type { AuthContext } from 'src/modules/auth/auth-context';
import {
  AttendeeTypesService,
  type AttendeeTypeView,
} from 'src/modules/events/attendee-types.service';
import {
  CustomFieldsService,
  type CustomFieldView,
} from 'src/modules/events/custom-fields.service';
import { GroupsService, type GroupView } from 'src/modules/events/groups.service';
import { AttendeeDirectory } from 'src/modules/registrations/attendee-directory.service';
import type {
  AttendeeTypeDto,
  CreateAttendeeTypeDto,
  CreateCustomFieldDto,
  CreateGroupDto,
  CustomFieldDto,
  GroupDto,
  UpdateAttendeeTypeDto,
  UpdateCustomFieldDto,
  UpdateGroupDto,
} from './dto/project-setup.dto';
import { type ProjectRef, ProjectAttendeesService } from './project-attendees.service';

const toAttendeeTypeDto = (type: AttendeeTypeView): AttendeeTypeDto => ({
  id: type.id,
  name: type.name,
  description: type.description,
  price_cents: type.priceCents,
  price_currency: type.priceCurrency,
  publicly_available: type.publiclyAvailable,
  created_at: isoSeconds(type.createdAt),
  updated_at: isoSeconds(type.updatedAt),
});

const toCustomFieldDto = (field: CustomFieldView): CustomFieldDto => ({
  id: field.id,
  key: field.key,
  label: field.label,
  type: field.type,
  options: field.options ? [...field.options] : null,
  required: field.required,
  created_at: isoSeconds(field.createdAt),
  updated_at: isoSeconds(field.updatedAt),
});

const toGroupDto = (group: GroupView): GroupDto => ({
  id: group.id,
  name: group.name,
  description: group.description,
  created_at: isoSeconds(group.createdAt),
  updated_at: isoSeconds(group.updatedAt),
});

const typeInput = (dto: UpdateAttendeeTypeDto) => ({
  name: dto.name,
  description: dto.description,
  priceCents: dto.price_cents,
  priceCurrency: dto.price_currency,
  publiclyAvailable: dto.publicly_available,
});
const defined = <T extends object>(input: T) =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as T;

/** Seed 003: what a project defines for its attendees (types, custom fields, groups). */
@Injectable()
export class ProjectSetupService {
  constructor(
    private readonly attendees: ProjectAttendeesService,
    private readonly attendeeTypes: AttendeeTypesService,
    private readonly customFields: CustomFieldsService,
    private readonly groups: GroupsService,
    private readonly directory: AttendeeDirectory,
  ) {}

  async listTypes(auth: AuthContext, ref: ProjectRef, query: NumberedPageQueryDto, url: string) {
    const { eventId } = await this.attendees.require(auth, ref, 'inspect');
    const { items, total } = await this.attendeeTypes.list(eventId, numberedWindow(query));
    return toNumberedPage(items.map(toAttendeeTypeDto), total, {
      page: query.page,
      perPage: query.per_page,
      url,
    });
  }

  async getType(auth: AuthContext, ref: ProjectRef, id: string) {
    const { eventId } = await this.attendees.require(auth, ref, 'inspect');
    return { data: toAttendeeTypeDto(await this.attendeeTypes.get(eventId, id)) };
  }

  async createType(auth: AuthContext, ref: ProjectRef, dto: CreateAttendeeTypeDto) {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    const input = defined(typeInput(dto));
    return {
      data: toAttendeeTypeDto(
        await this.attendeeTypes.create(eventId, { ...input, name: dto.name }),
      ),
    };
  }

  async updateType(auth: AuthContext, ref: ProjectRef, id: string, dto: UpdateAttendeeTypeDto) {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    return {
      data: toAttendeeTypeDto(
        await this.attendeeTypes.update(eventId, id, defined(typeInput(dto))),
      ),
    };
  }

  /** 409 while any attendee has the type (checked under a lock, so none can be given it meanwhile). */
  async removeType(auth: AuthContext, ref: ProjectRef, id: string): Promise<void> {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    await this.attendeeTypes.remove(eventId, id, (tx) =>
      this.directory.usesAttendeeType(tx, eventId, id),
    );
  }

  async listFields(auth: AuthContext, ref: ProjectRef) {
    const { eventId } = await this.attendees.require(auth, ref, 'inspect');
    return { data: (await this.customFields.list(eventId)).map(toCustomFieldDto) };
  }

  async getField(auth: AuthContext, ref: ProjectRef, id: string) {
    const { eventId } = await this.attendees.require(auth, ref, 'inspect');
    return { data: toCustomFieldDto(await this.customFields.get(eventId, id)) };
  }

  async createField(auth: AuthContext, ref: ProjectRef, dto: CreateCustomFieldDto) {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    return { data: toCustomFieldDto(await this.customFields.create(eventId, dto)) };
  }

  async updateField(auth: AuthContext, ref: ProjectRef, id: string, dto: UpdateCustomFieldDto) {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    return { data: toCustomFieldDto(await this.customFields.update(eventId, id, defined(dto))) };
  }

  /** Existing answers stay on the attendees (they become unknown keys nobody can filter on). */
  async removeField(auth: AuthContext, ref: ProjectRef, id: string): Promise<void> {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    await this.customFields.remove(eventId, id);
  }

  async listGroups(auth: AuthContext, ref: ProjectRef, query: NumberedPageQueryDto, url: string) {
    const { eventId } = await this.attendees.require(auth, ref, 'inspect');
    const { items, total } = await this.groups.list(eventId, numberedWindow(query));
    return toNumberedPage(items.map(toGroupDto), total, {
      page: query.page,
      perPage: query.per_page,
      url,
    });
  }

  async getGroup(auth: AuthContext, ref: ProjectRef, id: string) {
    const { eventId } = await this.attendees.require(auth, ref, 'inspect');
    return { data: toGroupDto(await this.groups.get(eventId, id)) };
  }

  async createGroup(auth: AuthContext, ref: ProjectRef, dto: CreateGroupDto) {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    return { data: toGroupDto(await this.groups.create(eventId, dto)) };
  }

  async updateGroup(auth: AuthContext, ref: ProjectRef, id: string, dto: UpdateGroupDto) {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    return { data: toGroupDto(await this.groups.update(eventId, id, defined(dto))) };
  }

  /** Members leave the group in the same transaction (the `group.deleted` listener). */
  async removeGroup(auth: AuthContext, ref: ProjectRef, id: string): Promise<void> {
    const { eventId } = await this.attendees.require(auth, ref, 'manage');
    await this.groups.remove(eventId, id);
  }
}
