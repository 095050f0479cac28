import { defineEntity, p } from '@mikro-orm/core';

/**
 * `@socket.io/postgres-adapter`'s side table: a broadcast too large for a NOTIFY payload (8000
 * bytes) is stored here and only its id is notified. The adapter writes and prunes the rows itself
 * (after 30 s); the entity exists so the migrations own the table.
 */
export const SOCKET_IO_ATTACHMENTS_TABLE = 'socket_io_attachments';

export const SocketIoAttachmentSchema = defineEntity({
  name: 'SocketIoAttachment',
  tableName: SOCKET_IO_ATTACHMENTS_TABLE,
  // The adapter's prune deletes by age every 30 seconds.
  indexes: [{ name: 'socket_io_attachments_created_at_index', properties: ['createdAt'] }],
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    createdAt: p.datetime().defaultRaw('now()'),
    payload: p.blob(),
  },
});

export class SocketIoAttachment extends SocketIoAttachmentSchema.class {}
SocketIoAttachmentSchema.setClass(SocketIoAttachment);
