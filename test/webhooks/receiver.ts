import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  url: string;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A local webhook receiver answering each request with the next scripted answer (then 200). */
export async function startReceiver() {
  const received: Received[] = [];
  const script: ScriptedAnswer[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ headers: request.headers, body, url: request.url ?? '' });
      const next = script.shift() ?? { status: 200 };
      response.writeHead(next.status, next.headers).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return { received, script, url, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The payload of a delivery, verified with the official Standard Webhooks library. */
export function verified<T = { type: string; data: Record<string, unknown> }>(
  secret: string,
  delivery: Received,
): T {
  return new Webhook(secret).verify(delivery.body, {
    'webhook-id': String(delivery.headers['webhook-id']),
    'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
    'webhook-signature': String(delivery.headers['webhook-signature']),
  }) as T;
}
