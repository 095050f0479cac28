import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, describeDatabase, loadConfig } from './config/app-config';
import { loadDotEnv } from './config/dot-env';
import { createApp } from './app/create-app';
import { shutDownOnSignals } from './app/graceful-shutdown';

let listening = false;

// If start-up waits on something that can never happen (a deadlocked query), the event loop
// empties and Node would exit 0 in silence: make that a loud failure instead.
process.once('beforeExit', () => {
  if (listening) return;
  process.stderr.write('Turnout failed to start: start-up stalled with nothing left to wait for\n');
  process.exitCode = 1;
});

async function main(): Promise<void> {
  loadDotEnv();
  const config = loadConfig(process.env);
  const app = await createApp(config);
  shutDownOnSignals(app, { timeoutMs: config.http.shutdownTimeoutMs });
  await app.listen({ port: config.http.port, host: config.http.host });
  listening = true;

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const base = `http://localhost:${port}`;
  new Logger('Turnout').log(
    `Turnout is listening on ${base} using ${describeDatabase(config.database)}; API docs at ${base}/docs`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // One line naming each bad variable; no stack, it is not a bug.
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Turnout failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
