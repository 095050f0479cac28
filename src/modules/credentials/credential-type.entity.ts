import { randomUUID } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';

/** A kind of credential a project's attendees carry: barcode, QR code, RFID, NFC, or the project's own. */
export const CredentialTypeSchema = defineEntity({
  name: 'CredentialType',
  tableName: 'credential_types',
  // Also the conflict target of the idempotent seeding of the default types.
  uniques: [{ name: 'credential_types_event_code_unique', properties: ['eventId', 'code'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    /** The event (events module), by id. */
    eventId: p.uuid(),
    code: p.string().length(50),
    name: p.string().length(100),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class CredentialType extends CredentialTypeSchema.class {}
CredentialTypeSchema.setClass(CredentialType);
