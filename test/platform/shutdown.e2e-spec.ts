import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gracefulShutdown } from 'src/app/graceful-shutdown';
import { PlatformFixturesController } from '../support/platform-fixtures.controller';
import { startTestApp, type TestApp } from '../support/test-app';

// Drives the same function main.ts wires to SIGTERM/SIGINT (process.e2e-spec sends the real signal).
describe('graceful shutdown', () => {
  let t: TestApp;
  let base: string;
  const exit = jest.fn();

  beforeEach(async () => {
    exit.mockReset();
    t = await startTestApp({ controllers: [PlatformFixturesController] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = await t.app.getUrl();
  });

  it('refuses new connections, lets the in-flight request finish with its real answer, closes the ORM, exits 0', async () => {
    const inFlight = fetch(`${base}/__fixtures/slow?ms=1000`);
    await sleep(200);

    const shutdown = gracefulShutdown(t.app, { timeoutMs: 10_000, exit })('SIGTERM');
    await sleep(100);

    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await shutdown;
    expect(exit).toHaveBeenCalledWith(0);
    expect(await t.orm.isConnected()).toBe(false);
  });

  it('closes a kept-alive connection right after its in-flight answer, without waiting for the client', async () => {
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closedByServer = new Promise((resolve) => socket.on('end', resolve));
    socket.write(
      'GET /__fixtures/slow?ms=800 HTTP/1.1\r\nHost: t\r\nConnection: keep-alive\r\n\r\n',
    );
    await sleep(200);

    // The socket is never closed from this side: shutdown completes only if the server ends it.
    await gracefulShutdown(t.app, { timeoutMs: 30_000, exit })('SIGTERM');
    await closedByServer;

    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(received).toMatch(/\r\nconnection: close\r\n/i);
    expect(received).toContain('{"done":true}');
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('cuts requests still running at SHUTDOWN_TIMEOUT_MS and still exits 0', async () => {
    const stuck = fetch(`${base}/__fixtures/slow?ms=5000`);
    await sleep(200);

    await gracefulShutdown(t.app, { timeoutMs: 300, exit })('SIGTERM');

    await expect(stuck).rejects.toThrow();
    expect(exit).toHaveBeenCalledWith(0);
  });
});
