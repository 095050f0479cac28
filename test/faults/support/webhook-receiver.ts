import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { TurnoutClient } from './turnout-client';
import { until } from './until';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookPayload {
  type: string;
  data: { id: string } & Record<string, unknown>;
}

/**
 * A local webhook receiver that can be down (every request held for `holdMs`, then answered 503,
 * so some are always in flight) or up (held for `holdMs`, then 200). It keeps what it accepted and
 * the most requests it ever held at once.
 */
export class WebhookReceiver {
  mode: 'up' | 'down' = 'up';
  holdMs = 0;
  /** Requests answered 200, in arrival order. */
  readonly accepted: Received[] = [];
  /** Requests answered 503 while down. */
  refused = 0;
  inFlight = 0;
  peakInFlight = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (request, response) => {
      receiver.enter();
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        setTimeout(() => {
          receiver.inFlight--;
          if (receiver.mode === 'down') {
            receiver.refused++;
            response.writeHead(503).end('down');
            return;
          }
          receiver.accepted.push({ path: request.url ?? '', headers: request.headers, body });
          response.writeHead(200).end('ok');
        }, receiver.holdMs);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private enter(): void {
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
  }
}

/**
 * What one subscription received, checked with the Standard Webhooks library (a bad signature
 * throws) and keyed by `webhook-id`: a redelivery collapses into one entry, as a receiver would
 * deduplicate it. `duplicates` counts the requests that repeated an id already seen.
 */
export function deduplicate(received: readonly Received[], path: string, secret: string) {
  const byWebhookId = new Map<string, WebhookPayload>();
  let duplicates = 0;
  for (const delivery of received.filter((item) => item.path === path)) {
    const id = String(delivery.headers['webhook-id']);
    const payload = new Webhook(secret).verify(delivery.body, {
      'webhook-id': id,
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    }) as WebhookPayload;
    if (byWebhookId.has(id)) duplicates++;
    byWebhookId.set(id, payload);
  }
  return { byWebhookId, duplicates };
}

/** The resource ids a subscription's deduplicated deliveries carry, sorted (repeats kept). */
export const deliveredIds = (byWebhookId: Map<string, WebhookPayload>) =>
  [...byWebhookId.values()].map((payload) => payload.data.id).sort();

/** Whether a subscription has nothing left to send: every delivery succeeded or failed for good. */
async function outboxSettled(client: TurnoutClient, subscriptionId: string): Promise<boolean> {
  const pending = await client.expect(
    200,
    'GET',
    `/api/webhooks/${subscriptionId}/deliveries?status=PENDING&perPage=1`,
  );
  return pending.meta.total === 0;
}

/**
 * Waits until the subscriptions' outboxes have nothing left to send and the receiver is answering
 * nothing: from then on, nothing more can arrive, so what it accepted is final.
 */
export async function untilAllDelivered(
  client: TurnoutClient,
  receiver: WebhookReceiver,
  subscriptionIds: readonly string[],
): Promise<void> {
  await until('every delivery to be sent', async () => {
    const settled = await Promise.all(subscriptionIds.map((id) => outboxSettled(client, id)));
    return settled.every(Boolean) && receiver.inFlight === 0;
  });
}
