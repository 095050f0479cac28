import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { CredentialType } from './credential-type.entity';

/** Something an attendee carries to be recognised at the door: a QR code, a badge's RFID tag. */
export const CredentialSchema = defineEntity({
  name: 'Credential',
  tableName: 'credentials',
  // A scanned value must name one attendee: values are unique within the project.
  uniques: [{ name: 'credentials_event_value_unique', properties: ['eventId', 'value'] }],
  indexes: [{ name: 'credentials_attendee_id_index', properties: ['attendeeId'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** The event (events module), by id. */
    eventId: p.uuid(),
    /** The attendee (registrations module), by id. */
    attendeeId: p.uuid(),
    credentialType: () => p.manyToOne(CredentialType).ref(),
    value: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Credential extends CredentialSchema.class {}
CredentialSchema.setClass(Credential);
