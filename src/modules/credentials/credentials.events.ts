import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { TypedEventBus } from '@turnout/common/events/typed-event-bus';
import type { AttendeeSnapshot } from 'src/modules/registrations/registration.events';
import type { CheckInDirection } from './check-in.entity';

export interface CredentialSnapshot {
  id: string;
  eventId: string;
  attendeeId: string;
  credentialTypeId: string;
  value: string;
  createdAt: string;
}

export interface EventRef {
  id: string;
  organizationId: string;
}

export interface CredentialEvent {
  credential: CredentialSnapshot;
  event: EventRef;
  occurredAt: string;
}

/** Who scanned: a person's token or an API key. */
export interface Scanner {
  type: 'user' | 'api_key';
  id: string;
}

export interface CheckInSnapshot {
  id: string;
  eventId: string;
  attendeeId: string;
  credentialId: string | null;
  direction: CheckInDirection;
  gate: string | null;
  nonce: string | null;
  scannedBy: Scanner;
  scannedAt: string;
  firstEntry: boolean;
}

export interface AttendeeCheckedInEvent {
  checkIn: CheckInSnapshot;
  /** The attendee after the scan (status ATTENDED). */
  attendee: AttendeeSnapshot;
  event: EventRef;
  occurredAt: string;
}

/** The credentials module's domain events, by name. */
export interface CredentialsEvents {
  'credential.created': CredentialEvent;
  'credential.deleted': CredentialEvent;
  /** An attendee's first entry: the scan that made them ATTENDED. Later scans emit nothing. */
  'attendee.checked_in': AttendeeCheckedInEvent;
}

/** Emits the credentials module's typed domain events inside the unit of work that caused them. */
@Injectable()
export class CredentialsEventBus extends TypedEventBus<CredentialsEvents> {
  constructor(emitter: EventEmitter2) {
    super(emitter);
  }
}
