import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { closeWebhookConnections, postWebhook, type WebhookRequest } from './post-webhook';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A receiver on 127.0.0.1 that records what it got and answers with `respond`. */
async function receiver(respond: (res: ServerResponse) => void) {
  const received: Received[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      respond(res);
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('postWebhook', () => {
  let server: Awaited<ReturnType<typeof receiver>>;
  let respond: (res: ServerResponse) => void;

  beforeEach(async () => {
    respond = (res) => res.writeHead(204).end();
    server = await receiver((res) => respond(res));
  });
  afterEach(() => server.close());

  const post = (overrides: Partial<WebhookRequest> = {}) =>
    postWebhook({
      url: `http://127.0.0.1:${server.port}/hooks/turnout?x=1`,
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' },
      body: '{"greeting":"grüß dich"}',
      timeoutMs: 2_000,
      allowPrivateNetworks: true,
      ...overrides,
    });

  it('delivers the exact body and headers when private networks are allowed', async () => {
    respond = (res) => res.writeHead(200, { 'x-receiver': 'yes' }).end('thanks');

    const response = await post();

    expect(response).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'x-receiver': 'yes' }),
      body: 'thanks',
      latencyMs: expect.any(Number),
      error: null,
    });
    expect(server.received).toEqual([
      {
        method: 'POST',
        url: '/hooks/turnout?x=1',
        headers: expect.objectContaining({
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength('{"greeting":"grüß dich"}')),
          'webhook-id': 'msg_1',
        }),
        body: '{"greeting":"grüß dich"}',
      },
    ]);
  });

  it('refuses a loopback address when private networks are not allowed, without connecting', async () => {
    const response = await post({ allowPrivateNetworks: false });

    expect(response.status).toBeNull();
    expect(response.error).toBe('127.0.0.1 is a private or reserved address');
    expect(server.received).toHaveLength(0);
  });

  it('refuses an IPv4-mapped IPv6 literal for the loopback address', async () => {
    const response = await post({
      url: `http://[::ffff:127.0.0.1]:${server.port}/`,
      allowPrivateNetworks: false,
    });

    expect(response.error).toBe('::ffff:7f00:1 is a private or reserved address');
    expect(server.received).toHaveLength(0);
  });

  it('refuses a name that resolves to the loopback address', async () => {
    const response = await post({
      url: `http://localhost:${server.port}/`,
      allowPrivateNetworks: false,
    });

    expect(response.status).toBeNull();
    expect(response.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is a private/);
    expect(server.received).toHaveLength(0);
  });

  it('reaches a name that resolves to the loopback address when private networks are allowed', async () => {
    // The server listens on IPv4 only: this also shows the lookup answers in the form Node asks for.
    const response = await post({ url: `http://localhost:${server.port}/` });

    expect(response).toMatchObject({ status: 204, error: null });
    expect(server.received).toHaveLength(1);
  });

  it('answers a redirect with its status and does not follow it', async () => {
    respond = (res) => res.writeHead(302, { location: '/elsewhere' }).end();

    const response = await post();

    expect(response).toMatchObject({ status: 302, error: null });
    expect(response.headers.location).toBe('/elsewhere');
    expect(server.received.map(({ url }) => url)).toEqual(['/hooks/turnout?x=1']);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    respond = () => undefined;

    const response = await post({ timeoutMs: 200 });

    expect(response).toMatchObject({ status: null, error: 'Timed out after 200 ms' });
    expect(response.latencyMs).toBeGreaterThanOrEqual(190);
    expect(response.latencyMs).toBeLessThan(1_500);
  });

  it('times out on a receiver that stalls in the middle of its body, keeping the status', async () => {
    respond = (res) => res.writeHead(200, { 'content-length': '100' }).write('partial');

    const response = await post({ timeoutMs: 200 });

    expect(response).toMatchObject({ status: 200, error: 'Timed out after 200 ms' });
  });

  it('keeps only the first maxResponseBytes of a large response', async () => {
    respond = (res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.on('error', () => undefined); // we hang up mid-body on purpose
      for (let i = 0; i < 1_000; i += 1) res.write('x'.repeat(1_000));
      res.end();
    };

    const response = await post({ maxResponseBytes: 1_024 });
    const small = await post({});

    expect(response).toMatchObject({ status: 500, body: 'x'.repeat(1_024), error: null });
    expect(small.body).toHaveLength(4_096);
  });

  it('reports a refused connection as an error', async () => {
    await server.close();

    const response = await post();

    expect(response.status).toBeNull();
    expect(response.error).toContain('ECONNREFUSED');
  });

  it('reports an unusable URL or header as an error rather than throwing', async () => {
    await expect(post({ url: 'not a url' })).resolves.toMatchObject({
      error: 'Not an http(s) URL',
    });
    await expect(post({ url: 'ftp://127.0.0.1/' })).resolves.toMatchObject({
      error: 'Not an http(s) URL',
    });
    await expect(post({ headers: { 'x-bad': 'line\nbreak' } })).resolves.toMatchObject({
      status: null,
      error: expect.stringContaining('x-bad'),
    });
  });

  it('keeps the connection alive from one delivery to the next', async () => {
    const responses = [await post(), await post(), await post()];

    expect(responses.map(({ status, error }) => ({ status, error }))).toEqual(
      Array(3).fill({ status: 204, error: null }),
    );
    expect(server.received).toHaveLength(3);
    expect(server.connections()).toBe(1);
  });

  it('sends again on a new connection when the receiver drops a kept-alive one', async () => {
    let requests = 0;
    respond = (res) => {
      requests += 1;
      if (requests === 2) res.socket?.destroy();
      else res.writeHead(204).end();
    };

    await post();
    const response = await post();

    expect(response).toMatchObject({ status: 204, error: null });
    expect(server.received).toHaveLength(3);
    expect(server.connections()).toBe(2);
  });

  it('never lends a connection opened with private networks allowed to a call that forbids them', async () => {
    await post({ url: `http://localhost:${server.port}/` });

    const response = await post({
      url: `http://localhost:${server.port}/`,
      allowPrivateNetworks: false,
    });

    expect(response.status).toBeNull();
    expect(response.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is a private/);
    expect(server.received).toHaveLength(1);
  });

  it('does not put a connection back after a response it stopped reading', async () => {
    respond = (res) => {
      res.writeHead(200);
      res.on('error', () => undefined);
      for (let i = 0; i < 100; i += 1) res.write('x'.repeat(1_000));
      res.end();
    };

    await post({ maxResponseBytes: 10 });
    respond = (res) => res.writeHead(204).end();
    const next = await post();

    expect(next).toMatchObject({ status: 204, error: null });
    expect(server.connections()).toBe(2);
  });

  it('closes idle connections at shutdown and lets one in use finish its exchange', async () => {
    await post();
    closeWebhookConnections();
    respond = (res) => setTimeout(() => res.writeHead(204).end(), 100);
    const inFlight = post();
    await new Promise((resolve) => setTimeout(resolve, 30));
    closeWebhookConnections();

    expect(await inFlight).toMatchObject({ status: 204, error: null });
    expect(server.connections()).toBe(2);
  });
});
