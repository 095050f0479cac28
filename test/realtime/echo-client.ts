import Echo from 'laravel-echo';
import { io, type Socket } from 'socket.io-client';

/** What `subscription_error` carries. */
export interface SubscriptionError {
  channel?: string;
  status: number;
  type: string;
  title: string;
  detail: string;
}

/** Something a dashboard received: the event's name as sent, its channel and payload. */
export interface Received {
  name: string;
  channel: string;
  payload: { attendee: Record<string, unknown> & { id: string; first_name: string } };
}

/**
 * A dashboard's Laravel Echo client (the real `laravel-echo` and `socket.io-client`), with what its
 * socket received recorded so tests can wait on it or show that nothing arrived.
 */
export class EchoClient {
  readonly echo: Echo<'socket.io'>;
  readonly socket: Socket;
  /** Everything sent to this socket with a channel argument, in order. */
  readonly received: Received[] = [];

  constructor(base: string, headers: Record<string, string>) {
    this.echo = new Echo({
      broadcaster: 'socket.io',
      host: base,
      client: io,
      auth: { headers },
      transports: ['websocket'],
      reconnection: false,
    });
    this.socket = this.echo.connector.socket as Socket;
    this.socket.onAny((name: string, channel: unknown, payload: unknown) => {
      if (typeof channel === 'string') this.received.push({ name, channel, payload } as Received);
    });
  }

  /**
   * Subscribes as the seed's snippet does (`Echo.private(...)`) and resolves with the server's
   * answer: `subscription_succeeded` (undefined) or the `subscription_error`.
   */
  async subscribe(name: string): Promise<SubscriptionError | undefined> {
    const channel = `private-${name}`;
    const answer = new Promise<SubscriptionError | undefined>((resolve) => {
      const succeeded = (reply: { channel: string }) => {
        if (reply.channel !== channel) return;
        this.socket.off('subscription_succeeded', succeeded);
        this.socket.off('subscription_error', failed);
        resolve(undefined);
      };
      const failed = (reply: SubscriptionError) => {
        if (reply.channel !== channel) return;
        this.socket.off('subscription_succeeded', succeeded);
        this.socket.off('subscription_error', failed);
        resolve(reply);
      };
      this.socket.on('subscription_succeeded', succeeded);
      this.socket.on('subscription_error', failed);
    });
    this.echo.private(name);
    return answer;
  }

  /** Resolves with the payload of the next `event` Echo delivers on `name` (`Echo.private(name).listen(event, …)`). */
  next(name: string, event: string, timeoutMs = 10_000): Promise<Received['payload']> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`No ${event} on ${name} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const channel = this.echo.private(name);
      const listener = (payload: Received['payload']) => {
        clearTimeout(timer);
        channel.stopListening(event, listener);
        resolve(payload);
      };
      channel.listen(event, listener);
    });
  }

  close(): void {
    this.echo.disconnect();
  }
}

export const feedChannel = (projectSlug: string) => `dashboard.project.${projectSlug}.attendees`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds (or fails after `timeoutMs`). */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Still not so after ${timeoutMs} ms`);
    await sleep(20);
  }
}
