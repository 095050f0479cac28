import { createServer } from 'node:http';

/** The local webhook receiver: answers 204 at once and notes when each attendee's delivery arrived. */
export interface Receiver {
  url: string;
  /** Deliveries received so far (retries of one webhook-id counted once). */
  count(): number;
  /** When (performance.now()) the first `attendee.created` delivery for this attendee arrived. */
  arrivalOf(attendeeId: string): number | undefined;
  close(): Promise<void>;
}

interface Delivery {
  type?: string;
  data?: { id?: string };
}

export async function startReceiver(): Promise<Receiver> {
  const seen = new Set<string>();
  const arrivals = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const arrived = performance.now();
      response.writeHead(204).end();
      const id = request.headers['webhook-id'];
      if (typeof id !== 'string' || seen.has(id)) return;
      seen.add(id);
      const delivery = JSON.parse(Buffer.concat(chunks).toString()) as Delivery;
      const attendeeId = delivery.data?.id;
      if (delivery.type === 'attendee.created' && attendeeId && !arrivals.has(attendeeId)) {
        arrivals.set(attendeeId, arrived);
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}/hooks`,
    count: () => seen.size,
    arrivalOf: (attendeeId) => arrivals.get(attendeeId),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
