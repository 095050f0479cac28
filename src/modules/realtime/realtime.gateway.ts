import type { IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { problemType } from '@turnout/common/problems/problem';
import { INTERNAL_PROBLEM, toProblem } from '@turnout/common/problems/to-problem';
import { AppConfig } from 'src/config/app-config';
import { attendeeRoom } from './attendee-channels';
import { ChannelAuthorizer } from './channel-authorizer';
import { type PostgresFanOut, postgresFanOut } from './postgres-fan-out';
import { RealtimeError } from './realtime.error';

/** Echo's default event namespace: `listen('AttendeeCreated')` waits for `App\Events\AttendeeCreated`. */
const ECHO_NAMESPACE = 'App\\Events\\';
/** Longer than any channel name two slugs make. */
const MAX_CHANNEL = 300;
/** How instances hand each other a committed transaction's announcements. */
const RELAY = 'turnout:attendee-feed';

/** One feed event for the subscribers of one event's channels. */
export interface Announcement {
  eventId: string;
  channels: readonly string[];
  name: string;
  payload: object;
}

interface SocketData {
  /** The room each subscribed channel joined. */
  rooms: Map<string, string>;
  /** Subscriptions being authorised: an unsubscribe meanwhile cancels them. */
  pending: Map<string, symbol>;
}

/** What a client sends (read defensively: anything may arrive). */
interface ClientEvents {
  subscribe: (request: unknown) => void;
  unsubscribe: (request: unknown) => void;
}

/** Events sent: the subscription answers and the feed's events, named at run time. */
type ServerEvents = Record<string, (...args: unknown[]) => void>;

type FeedServer = Server<ClientEvents, ServerEvents, ServerEvents, SocketData>;
type FeedSocket = Socket<ClientEvents, ServerEvents, ServerEvents, SocketData>;

/**
 * The socket.io server on the app's HTTP port (`/socket.io`), speaking Laravel Echo's socket.io
 * connector protocol: `subscribe` / `unsubscribe` `{ channel, auth: { headers } }`, events as
 * `(name, channel, payload)`. A refused subscription is answered with `subscription_error`
 * `{ channel, status, type, title, detail }`, an accepted one with `subscription_succeeded`
 * `{ channel }`. Access is checked when subscribing, as Laravel does.
 *
 * On PostgreSQL, rooms span every instance through `@socket.io/postgres-adapter` (LISTEN/NOTIFY);
 * on PGlite there is one instance and the in-memory adapter.
 */
@Injectable()
export class RealtimeGateway
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Realtime');
  private io?: FeedServer;
  private fanOut?: PostgresFanOut;
  private closing = false;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
    private readonly orm: MikroORM,
    private readonly channels: ChannelAuthorizer,
  ) {}

  /** The socket.io server (tests read its adapter). */
  get server(): FeedServer | undefined {
    return this.io;
  }

  onApplicationBootstrap(): void {
    // An application context without HTTP (the migration CLI) has nothing to serve sockets on.
    const http = this.adapterHost.httpAdapter?.getHttpServer() as HttpServer | undefined;
    if (!http) return;
    const { corsOrigins } = this.config.http;
    const options: Partial<ServerOptions> = {
      path: '/socket.io',
      serveClient: false,
      cors: { origin: corsOrigins === '*' ? '*' : corsOrigins, credentials: false },
      // While shutting down, refuse new connections: an open WebSocket would hold the server open.
      allowRequest: (_request, answer) => answer(null, !this.closing),
    };
    const database = this.config.database;
    if (database.driver === 'postgresql') {
      this.fanOut = postgresFanOut(database.url, this.logger);
      options.adapter = this.fanOut.adapter;
    }
    this.io = new Server<ClientEvents, ServerEvents, ServerEvents, SocketData>(http, options);
    // What other instances announce, for this instance's own subscribers.
    if (this.fanOut) {
      this.io.on(RELAY as never, (announcements: Announcement[]) => this.deliver(announcements));
    }
    this.io.on('connection', (socket: FeedSocket) => {
      socket.data = { rooms: new Map(), pending: new Map() };
      socket.on('subscribe', (request: unknown) => void this.subscribe(socket, request));
      socket.on('unsubscribe', (request: unknown) => this.unsubscribe(socket, request));
    });
  }

  /**
   * Whether anyone may hear about these events: a subscriber on this instance, or another
   * instance (whose subscribers this one cannot see). When nobody can, there is nothing to render.
   */
  async mayBeHeard(eventIds: readonly string[]): Promise<boolean> {
    if (!this.io || this.closing) return false;
    const rooms = [...this.io.of('/').adapter.rooms.keys()];
    if (eventIds.some((id) => rooms.some((room) => room.startsWith(`${id} `)))) return true;
    return this.fanOut ? (await this.io.of('/').adapter.serverCount()) > 1 : false;
  }

  /**
   * Sends a committed transaction's feed events to their subscribers on every instance: here at
   * once, and to the other instances as one relayed message (one NOTIFY, not one per event and
   * channel), which each delivers to its own subscribers in the order given.
   */
  announce(announcements: Announcement[]): void {
    if (!this.io || this.closing || announcements.length === 0) return;
    this.deliver(announcements);
    if (this.fanOut) this.io.serverSideEmit(RELAY, announcements);
  }

  /**
   * Emits each announcement to this instance's subscribers of its channels: as Echo's namespaced
   * name and as the bare one, each with the channel name it subscribed with.
   */
  private deliver(announcements: Announcement[]): void {
    if (!this.io || this.closing) return;
    for (const { eventId, channels, name, payload } of announcements) {
      for (const channel of channels) {
        const room = this.io.local.to(attendeeRoom(eventId, channel));
        room.emit(`${ECHO_NAMESPACE}${name}`, channel, payload);
        room.emit(name, channel, payload);
      }
    }
  }

  beforeApplicationShutdown(): void {
    this.closing = true;
    // This instance's clients only: the others' stay connected to their instances.
    this.io?.local.disconnectSockets(true);
    this.io?.engine.close();
  }

  async onApplicationShutdown(): Promise<void> {
    // Not io.close(): that would also close the HTTP server, which Nest closes itself.
    await this.io?.of('/').adapter.close();
    await this.fanOut?.close();
  }

  private async subscribe(socket: FeedSocket, request: unknown): Promise<void> {
    const { channel, headers } = readSubscription(request);
    const ticket = Symbol(channel);
    try {
      if (!channel) {
        throw new RealtimeError('invalid-subscription', 'Send { channel, auth: { headers } }');
      }
      socket.data.pending.set(channel, ticket);
      const eventId = await RequestContext.create(this.orm.em, () =>
        this.channels.authorize(channel, headers),
      );
      if (socket.data.pending.get(channel) !== ticket || socket.disconnected) return;
      const previous = socket.data.rooms.get(channel);
      if (previous) await socket.leave(previous);
      const room = attendeeRoom(eventId, channel);
      await socket.join(room);
      socket.data.rooms.set(channel, room);
      socket.emit('subscription_succeeded', { channel });
    } catch (error) {
      const problem = toProblem(error);
      if (!problem) this.logger.error({ err: error }, 'A channel subscription failed');
      const { code, status, title, detail } = problem ?? INTERNAL_PROBLEM;
      socket.emit('subscription_error', {
        channel,
        status,
        type: problemType(code),
        title,
        detail,
      });
    } finally {
      if (channel && socket.data.pending.get(channel) === ticket) {
        socket.data.pending.delete(channel);
      }
    }
  }

  private unsubscribe(socket: FeedSocket, request: unknown): void {
    const { channel } = readSubscription(request);
    if (!channel) return;
    socket.data.pending.delete(channel);
    const room = socket.data.rooms.get(channel);
    socket.data.rooms.delete(channel);
    if (room) void socket.leave(room);
  }
}

/** `{ channel, auth: { headers } }` as Echo sends it, header names lower-cased as Node's are. */
function readSubscription(request: unknown): { channel?: string; headers: IncomingHttpHeaders } {
  const { channel, auth } = (request ?? {}) as { channel?: unknown; auth?: { headers?: unknown } };
  const headers: IncomingHttpHeaders = {};
  const given = auth?.headers;
  if (given && typeof given === 'object') {
    for (const [name, value] of Object.entries(given)) {
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    }
  }
  const named = typeof channel === 'string' && channel.length > 0 && channel.length <= MAX_CHANNEL;
  return { channel: named ? channel : undefined, headers };
}
