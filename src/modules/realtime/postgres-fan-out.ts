import type { Logger } from '@nestjs/common';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Client, Pool } from 'pg';
import type { ServerOptions } from 'socket.io';
import { SOCKET_IO_ATTACHMENTS_TABLE } from './socket-io-attachment.entity';

/**
 * The adapter's LISTEN connection. The adapter takes it with `pool.connect()` and keeps it, but a
 * pooled client that is checked out has nobody listening for its errors (a server restart would
 * crash the process) and, dropped without a release, would hold its pool slot for ever. So it is a
 * client of its own, whose errors are logged and whose `release` ends it; when it ends, the
 * adapter connects a new one.
 */
class ListenerClient extends Client {
  release(): void {
    this.end().catch(() => undefined);
  }
}

/** What the adapter gets for a LISTEN connection once closed: it never ends, so it is never replaced. */
const CLOSED = {
  on: () => CLOSED,
  removeAllListeners: () => CLOSED,
  query: () => Promise.resolve(),
  release: () => undefined,
};

/** `@socket.io/postgres-adapter` wired to a database: what the gateway needs, and how to stop it. */
export interface PostgresFanOut {
  adapter: ServerOptions['adapter'];
  close(): Promise<void>;
}

/**
 * Fan-out between instances through PostgreSQL LISTEN/NOTIFY, on two connections of its own beside
 * the ORM's pool: one LISTENs, one sends. One sender keeps broadcasts in the order they were made
 * (the adapter delivers even local ones once their NOTIFY is through), so a dashboard sees a create
 * before the update that followed it. Broadcasts over 8000 bytes go through the attachments table.
 */
export function postgresFanOut(url: string, logger: Logger): PostgresFanOut {
  const sender = new Pool({ connectionString: url, max: 1, application_name: 'turnout-realtime' });
  sender.on('error', (error) => logger.warn({ err: error }, 'Realtime connection lost'));
  // The adapter reconnects for ever, even when closed while connecting: once closed, it is handed
  // a connection that never ends, so it stops trying.
  let closed = false;
  const connections = {
    connect: async () => {
      if (closed) return CLOSED;
      const client = new ListenerClient({
        connectionString: url,
        application_name: 'turnout-realtime-listen',
      });
      client.on('error', (error) => logger.warn({ err: error }, 'Realtime LISTEN connection lost'));
      await client.connect();
      if (!closed) return client;
      client.release();
      return CLOSED;
    },
    query: (text: string, values?: unknown[]) => sender.query(text, values),
  };
  return {
    // The adapter only ever calls connect() and query() on its "pool".
    adapter: createAdapter(connections as unknown as Pool, {
      tableName: SOCKET_IO_ATTACHMENTS_TABLE,
      errorHandler: (error) =>
        logger.warn({ err: error }, 'Realtime fan-out between instances failed'),
    }),
    close: () => {
      closed = true;
      return sender.end();
    },
  };
}
