import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '@turnout/common/problems/problem';
import { isUuid } from '@turnout/common/text/uuid';
import {
  RequestValidationError,
  toFieldErrors,
} from '@turnout/common/validation/request-validation.error';
import type { AuthContext } from 'src/modules/auth/auth-context';
import { AttendeeDirectory } from 'src/modules/registrations/attendee-directory.service';
import { BulkBookingService } from 'src/modules/registrations/bulk-booking.service';
import { RegistrationsService } from 'src/modules/registrations/registrations.service';
import { prepareWrite } from './attendee-writes';
import { AttendeesError } from './attendees.error';
import {
  type BatchCreateGxpAttendeesDto,
  MAX_BATCH_SIZE,
  UpdateGxpAttendeeDto,
} from './dto/gxp-attendee.dto';
import { type ProjectRef, ProjectAttendeesService } from './project-attendees.service';

/**
 * Seed 003 batches: up to 1000 attendees created or updated at once, all or nothing. Every item is
 * checked before anything is written, and the problem lists each failing item by pointer.
 */
@Injectable()
export class AttendeeBatchService {
  constructor(
    private readonly em: EntityManager,
    private readonly attendees: ProjectAttendeesService,
    private readonly directory: AttendeeDirectory,
    private readonly bulk: BulkBookingService,
    private readonly registrations: RegistrationsService,
  ) {}

  async create(auth: AuthContext, ref: ProjectRef, dto: BatchCreateGxpAttendeesDto) {
    const project = await this.attendees.require(auth, ref, 'manage');
    const fields = await this.attendees.customFieldsOf(project);
    const prepared = dto.resources.map((item, index) =>
      prepareWrite(item, 'create', fields, null, `/resources/${index}`),
    );
    this.attendees.rejectInvalid(prepared.flatMap((item) => item.errors));
    await this.attendees.requireFreeEmails(
      project,
      prepared.map(({ changes }) => ({ email: changes.email })),
      (index) => `/resources/${index}/email`,
    );
    const bookable = await this.attendees.bookable(project);
    const created = await this.em.transactional(async (tx) => {
      await this.attendees.requireTypes(
        tx,
        project,
        prepared.map((item) => item.changes.attendeeTypeId),
        (index) => `/resources/${index}/attendee_type_id`,
      );
      return this.bulk.bookMany(
        bookable,
        prepared.map(({ changes }) => ({ userId: null, ...changes })),
        'CONFIRMED',
        auth.userId,
      );
    });
    return {
      data: await this.attendees.render(project.eventId, created, new Set(['attendee_type'])),
    };
  }

  async update(auth: AuthContext, ref: ProjectRef, resources: Record<string, unknown>) {
    const changes = await this.validateUpdates(resources);
    const ids = [...changes.keys()];
    const project = await this.attendees.require(auth, ref, 'manage');
    const existing = await this.directory.byIds(project.eventId, ids);
    const missing = ids.filter((id) => !existing.has(id));
    if (missing.length > 0) {
      throw new AttendeesError('attendee-not-found', `No attendee ${missing.join(', ')} here`, {
        errors: missing.map((id) => ({ pointer: `/resources/${id}`, message: 'not found' })),
      });
    }
    await this.attendees.requireFreeEmails(
      project,
      ids.map((id) => ({ email: changes.get(id)!.email, self: id })),
      (index) => `/resources/${ids[index]}/email`,
    );
    const fields = await this.attendees.customFieldsOf(project);
    const bookable = await this.attendees.bookable(project);
    const updated = await this.em.transactional(async (tx) => {
      await this.attendees.requireTypes(
        tx,
        project,
        ids.map((id) => changes.get(id)!.attendee_type_id),
        (index) => `/resources/${ids[index]}/attendee_type_id`,
      );
      return this.registrations.updateProfiles(bookable, ids, (current) => {
        const byId = new Map(current.map((attendee) => [attendee.id, attendee]));
        const prepared = ids.map((id) =>
          prepareWrite(changes.get(id)!, 'merge', fields, byId.get(id)!, `/resources/${id}`),
        );
        this.attendees.rejectInvalid(prepared.flatMap((item) => item.errors));
        return new Map(ids.map((id, index) => [id, prepared[index].changes]));
      });
    });
    return {
      data: await this.attendees.render(project.eventId, updated, new Set(['attendee_type'])),
    };
  }

  /** `resources` is a map from attendee id to a PATCH body: each id and body is checked like a single PATCH. */
  private async validateUpdates(resources: Record<string, unknown>) {
    const entries = Object.entries(resources);
    const errors: FieldError[] = [];
    if (entries.length === 0 || entries.length > MAX_BATCH_SIZE) {
      errors.push({ pointer: '/resources', message: `must hold 1 to ${MAX_BATCH_SIZE} attendees` });
    }
    const changes = new Map<string, UpdateGxpAttendeeDto>();
    for (const [key, body] of entries.slice(0, MAX_BATCH_SIZE)) {
      const id = key.toLowerCase();
      const pointer = `/resources/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (!isUuid(id)) {
        errors.push({ pointer, message: 'keys must be attendee ids (UUIDs)' });
        continue;
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        errors.push({ pointer, message: 'must be an object of attendee fields' });
        continue;
      }
      const dto = plainToInstance(UpdateGxpAttendeeDto, body);
      const failures = await validate(dto, {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
      });
      errors.push(...toFieldErrors(failures, 'body', pointer));
      changes.set(id, dto);
    }
    if (errors.length > 0) throw new RequestValidationError(errors);
    return changes;
  }
}
