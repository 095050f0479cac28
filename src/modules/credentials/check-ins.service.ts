import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { AuthContext } from 'src/modules/auth/auth-context';
import type { Project } from 'src/modules/events/projects.service';
import { AttendeeDirectory } from 'src/modules/registrations/attendee-directory.service';
import { RegistrationsService } from 'src/modules/registrations/registrations.service';
import { lockAttendee } from './attendee-locks';
import { CheckIn, type CheckInDirection, type ScannedAttendee } from './check-in.entity';
import { sqlRows, Statement } from '@turnout/common/database/sql';
import { attendeeNotFound, CredentialsError } from './credentials.error';
import { CredentialsEventBus, type Scanner } from './credentials.events';
import { eventOf } from './credentials.service';

export interface CheckInView {
  id: string;
  eventId: string;
  attendeeId: string;
  credentialId: string | null;
  direction: CheckInDirection;
  gate: string | null;
  nonce: string | null;
  scannedBy: Scanner | null;
  scannedAt: Date;
  firstEntry: boolean;
  /** The attendee as this scan left them. */
  attendee: ScannedAttendee;
}

/** One scan: by a credential's value or by the attendee's id (exactly one of them). */
export interface ScanInput {
  credentialValue?: string;
  attendeeId?: string;
  direction: CheckInDirection;
  gate?: string;
  nonce?: string;
}

export interface CheckInFilter {
  attendeeId?: string;
  direction?: CheckInDirection;
}

/** A scan's credential, by its value (every scan by credential asks). */
const CREDENTIAL_BY_VALUE = new Statement(
  'credential-by-value',
  'select id, attendee_id from credentials where event_id = ? and value = ? limit 1',
);

/** Who may not come in at all: no seat (WAITING_LIST) or no longer registered (CANCELLED). */
const INADMISSIBLE = new Set(['CANCELLED', 'WAITING_LIST']);
/** Statuses whose first `in` scan admits the attendee (makes them ATTENDED). */
const ADMITTED_BY_SCAN = new Set(['PENDING', 'CONFIRMED']);

const scannerOf = (auth: AuthContext): Scanner =>
  auth.via === 'api-key'
    ? { type: 'api_key', id: auth.apiKeyId! }
    : { type: 'user', id: auth.userId! };

const toView = (checkIn: CheckIn): CheckInView => ({
  id: checkIn.id,
  eventId: checkIn.eventId,
  attendeeId: checkIn.attendeeId,
  credentialId: checkIn.credentialId ?? null,
  direction: checkIn.direction,
  gate: checkIn.gate ?? null,
  nonce: checkIn.nonce ?? null,
  scannedBy: checkIn.scannedByApiKeyId
    ? { type: 'api_key', id: checkIn.scannedByApiKeyId }
    : checkIn.scannedByUserId
      ? { type: 'user', id: checkIn.scannedByUserId }
      : null,
  scannedAt: checkIn.scannedAt,
  firstEntry: checkIn.firstEntry,
  attendee: checkIn.attendee,
});

/**
 * Door scans. The first `in` of a PENDING or CONFIRMED attendee admits them (ATTENDED); after that
 * they go in and out freely, every scan recorded. A scan with a nonce is recorded once: a retry
 * answers what the first answered.
 */
@Injectable()
export class CheckInsService {
  constructor(
    private readonly em: EntityManager,
    private readonly attendees: AttendeeDirectory,
    private readonly registrations: RegistrationsService,
    private readonly bus: CredentialsEventBus,
  ) {}

  async scan(auth: AuthContext, project: Project, input: ScanInput): Promise<CheckInView> {
    const target = await this.target(project.eventId, input);
    try {
      return await this.em.transactional((tx) => this.record(tx, auth, project, input, target));
    } catch (error) {
      // The same nonce, for another attendee, got in first (scans of one attendee take turns).
      if (input.nonce && error instanceof UniqueConstraintViolationException) {
        const prior = await this.em
          .fork()
          .findOne(CheckIn, { eventId: project.eventId, nonce: input.nonce });
        if (prior) return this.replay(prior, target.attendeeId, input.direction);
      }
      throw error;
    }
  }

  async list(
    eventId: string,
    filter: CheckInFilter,
    window: { limit: number; offset: number },
  ): Promise<{ items: CheckInView[]; total: number }> {
    const [checkIns, total] = await this.em.findAndCount(
      CheckIn,
      {
        eventId,
        ...(filter.attendeeId ? { attendeeId: filter.attendeeId } : {}),
        ...(filter.direction ? { direction: filter.direction } : {}),
      },
      { orderBy: { scannedAt: 'desc', id: 'desc' }, ...window },
    );
    return { items: checkIns.map(toView), total };
  }

  private async target(
    eventId: string,
    input: ScanInput,
  ): Promise<{ attendeeId: string; credentialId: string | null }> {
    if (input.attendeeId) return { attendeeId: input.attendeeId, credentialId: null };
    const [credential] = await sqlRows<{ id: string; attendee_id: string }>(
      this.em,
      CREDENTIAL_BY_VALUE,
      [eventId, input.credentialValue!],
    );
    if (!credential) {
      throw new CredentialsError(
        'credential-not-found',
        'No credential with that value in this project',
      );
    }
    return { attendeeId: credential.attendee_id, credentialId: credential.id };
  }

  private async record(
    tx: EntityManager,
    auth: AuthContext,
    project: Project,
    input: ScanInput,
    target: { attendeeId: string; credentialId: string | null },
  ): Promise<CheckInView> {
    const { eventId } = project;
    await lockAttendee(tx, 'scans', target.attendeeId);
    if (input.nonce) {
      const prior = await tx.findOne(CheckIn, { eventId, nonce: input.nonce });
      if (prior) return this.replay(prior, target.attendeeId, input.direction);
    }
    const before = await this.attendees.get(eventId, target.attendeeId);
    if (!before) throw attendeeNotFound(target.attendeeId);
    if (INADMISSIBLE.has(before.status)) {
      throw new CredentialsError(
        'not-admissible',
        `The attendee’s registration is ${before.status}: they may not be admitted`,
        { attendee_status: before.status },
      );
    }
    const admits = input.direction === 'in' && ADMITTED_BY_SCAN.has(before.status);
    const admitted = admits
      ? await this.registrations.admit(tx, before, project.organizationId)
      : null;
    // A concurrent change (a cancellation) got there first: look again, and answer what it left.
    if (admits && !admitted) return this.record(tx, auth, project, input, target);
    const firstEntry = admitted !== null;
    const after = admitted ?? before;
    const scanner = scannerOf(auth);
    const checkIn = tx.create(CheckIn, {
      eventId,
      attendeeId: after.id,
      credentialId: target.credentialId,
      direction: input.direction,
      gate: input.gate ?? null,
      nonce: input.nonce ?? null,
      scannedByUserId: scanner.type === 'user' ? scanner.id : null,
      scannedByApiKeyId: scanner.type === 'api_key' ? scanner.id : null,
      scannedAt: new Date(),
      firstEntry,
      attendee: {
        id: after.id,
        firstName: after.firstName,
        lastName: after.lastName,
        status: after.status,
        checkedInAt: after.checkedInAt,
      },
    });
    await tx.flush();
    const view = toView(checkIn);
    if (firstEntry) {
      await this.bus.emit(
        'attendee.checked_in',
        {
          checkIn: {
            id: view.id,
            eventId,
            attendeeId: view.attendeeId,
            credentialId: view.credentialId,
            direction: view.direction,
            gate: view.gate,
            nonce: view.nonce,
            scannedBy: scanner,
            scannedAt: view.scannedAt.toISOString(),
            firstEntry,
          },
          attendee: after,
          event: eventOf(project),
          occurredAt: new Date().toISOString(),
        },
        { em: tx },
      );
    }
    return view;
  }

  private replay(prior: CheckIn, attendeeId: string, direction: CheckInDirection): CheckInView {
    if (prior.attendeeId !== attendeeId || prior.direction !== direction) {
      throw new CredentialsError(
        'nonce-reused',
        'That nonce was used for a scan of another attendee or in the other direction',
        { check_in_id: prior.id },
      );
    }
    return toView(prior);
  }
}
