import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Project } from 'src/modules/events/projects.service';
import { AttendeeDirectory } from 'src/modules/registrations/attendee-directory.service';
import { lockAttendee } from './attendee-locks';
import { Credential } from './credential.entity';
import { CredentialTypesService } from './credential-types.service';
import { attendeeNotFound, CredentialsError } from './credentials.error';
import { CredentialsEventBus, type EventRef } from './credentials.events';
import { sqlRows } from '@turnout/common/database/sql';

/** A credential as other modules see it (the attendees module embeds it with `include=credentials`). */
export interface CredentialView {
  id: string;
  attendeeId: string;
  credentialTypeId: string;
  credentialType: { id: string; code: string; name: string };
  value: string;
  createdAt: Date;
}

export const eventOf = (project: Project): EventRef => ({
  id: project.eventId,
  organizationId: project.organizationId,
});

interface CredentialRow {
  id: string;
  attendee_id: string;
  value: string;
  created_at: Date | string;
  type_id: string;
  type_code: string;
  type_name: string;
}

/** 18 random bytes: 144 bits, unguessable, and 24 URL-safe characters that fit any QR code. */
export const generateCredentialValue = (): string => randomBytes(18).toString('base64url');

const toView = (credential: Credential): CredentialView => {
  const type = credential.credentialType.getEntity();
  return {
    id: credential.id,
    attendeeId: credential.attendeeId,
    credentialTypeId: type.id,
    credentialType: { id: type.id, code: type.code, name: type.name },
    value: credential.value,
    createdAt: credential.createdAt,
  };
};

/** Attendees' credentials. Attendees are read through the registrations module's directory only. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly em: EntityManager,
    private readonly attendees: AttendeeDirectory,
    private readonly types: CredentialTypesService,
    private readonly bus: CredentialsEventBus,
  ) {}

  async list(
    eventId: string,
    attendeeId: string,
    window: { limit: number; offset: number },
  ): Promise<{ items: CredentialView[]; total: number }> {
    if (!(await this.attendees.get(eventId, attendeeId))) throw attendeeNotFound(attendeeId);
    const [credentials, total] = await this.em.findAndCount(
      Credential,
      { eventId, attendeeId },
      {
        populate: ['credentialType'],
        strategy: 'joined',
        orderBy: { createdAt: 'asc', id: 'asc' },
        ...window,
      },
    );
    return { items: credentials.map(toView), total };
  }

  /** The credentials of these attendees, in one query, by attendee id (each list oldest first). */
  async byAttendees(
    eventId: string,
    attendeeIds: readonly string[],
  ): Promise<Map<string, CredentialView[]>> {
    const byAttendee = new Map<string, CredentialView[]>();
    if (attendeeIds.length === 0) return byAttendee;
    // Rows, not entities: a page of attendees includes a credential each (100 at a time).
    const rows = await sqlRows<CredentialRow>(
      this.em,
      `select c.id, c.attendee_id, c.value, c.created_at,
              t.id as type_id, t.code as type_code, t.name as type_name
         from credentials c join credential_types t on t.id = c.credential_type_id
        where c.event_id = ? and c.attendee_id in (?)
        order by c.created_at, c.id`,
      [eventId, [...new Set(attendeeIds)]],
    );
    for (const row of rows) {
      const views = byAttendee.get(row.attendee_id) ?? [];
      views.push({
        id: row.id,
        attendeeId: row.attendee_id,
        credentialTypeId: row.type_id,
        credentialType: { id: row.type_id, code: row.type_code, name: row.type_name },
        value: row.value,
        createdAt: new Date(row.created_at),
      });
      byAttendee.set(row.attendee_id, views);
    }
    return byAttendee;
  }

  async create(
    project: Project,
    attendeeId: string,
    input: { credentialTypeId?: string; value?: string },
  ): Promise<CredentialView> {
    try {
      return await this.em.transactional(async (tx) => {
        // Read after the lock: a deletion that committed meanwhile has removed its credentials,
        // and one still running waits for this insert, then removes it too.
        await lockAttendee(tx, 'credentials', attendeeId);
        if (!(await this.attendees.get(project.eventId, attendeeId))) {
          throw attendeeNotFound(attendeeId);
        }
        const type = await this.types.resolve(tx, project.eventId, input.credentialTypeId);
        const credential = tx.create(Credential, {
          eventId: project.eventId,
          attendeeId,
          credentialType: type,
          value: input.value ?? generateCredentialValue(),
        });
        await tx.flush();
        await this.emit(tx, 'credential.created', credential, eventOf(project));
        return toView(credential);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new CredentialsError(
          'credential-taken',
          'That value is already a credential in this project',
        );
      }
      throw error;
    }
  }

  async remove(project: Project, attendeeId: string, credentialId: string): Promise<void> {
    await this.em.transactional(async (tx) => {
      const credential = await tx.findOne(
        Credential,
        { id: credentialId, eventId: project.eventId, attendeeId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!credential) {
        throw new CredentialsError(
          'credential-not-found',
          `Attendee ${attendeeId} has no credential ${credentialId}`,
        );
      }
      tx.remove(credential);
      await tx.flush();
      await this.emit(tx, 'credential.deleted', credential, eventOf(project));
    });
  }

  /** The cascade of an attendee's deletion, in the deleting transaction `tx`. */
  async removeAllOf(tx: EntityManager, attendeeId: string, event: EventRef): Promise<void> {
    await lockAttendee(tx, 'credentials', attendeeId);
    const credentials = await tx.find(Credential, { attendeeId, eventId: event.id });
    if (credentials.length === 0) return;
    for (const credential of credentials) tx.remove(credential);
    await tx.flush();
    for (const credential of credentials) {
      await this.emit(tx, 'credential.deleted', credential, event);
    }
  }

  private emit(
    tx: EntityManager,
    name: 'credential.created' | 'credential.deleted',
    credential: Credential,
    event: EventRef,
  ): Promise<void> {
    return this.bus.emit(
      name,
      {
        credential: {
          id: credential.id,
          eventId: credential.eventId,
          attendeeId: credential.attendeeId,
          credentialTypeId: credential.credentialType.id,
          value: credential.value,
          createdAt: credential.createdAt.toISOString(),
        },
        event,
        occurredAt: new Date().toISOString(),
      },
      { em: tx },
    );
  }
}
