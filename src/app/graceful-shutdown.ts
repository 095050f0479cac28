import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface ShutdownOptions {
  /** How long in-flight requests may run before their connections are cut. */
  timeoutMs: number;
  exit?: (code: number) => void;
}

/**
 * Stops the app in order: no new connections, in-flight requests finish (at most `timeoutMs`),
 * then the modules' shutdown hooks close the ORM, and the process exits 0.
 * Returns the function the signal handlers call, so tests can drive it directly.
 */
export function gracefulShutdown(app: NestFastifyApplication, options: ShutdownOptions) {
  const logger = new Logger('Shutdown');
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started: Promise<void> | undefined;

  return (signal: string): Promise<void> => {
    started ??= (async () => {
      logger.log(`${signal} received: refusing new connections, finishing in-flight requests`);
      const server = app.getHttpServer();
      const deadline = setTimeout(() => {
        logger.warn(
          `In-flight requests still running after ${options.timeoutMs} ms: closing their connections`,
        );
        server.closeAllConnections();
      }, options.timeoutMs);
      try {
        await app.close();
        logger.log('Shutdown complete');
        exit(0);
      } catch (error) {
        logger.error({ err: error }, 'Shutdown failed');
        exit(1);
      } finally {
        clearTimeout(deadline);
      }
    })();
    return started;
  };
}

/** Wires SIGTERM and SIGINT to a graceful shutdown. */
export function shutDownOnSignals(app: NestFastifyApplication, options: ShutdownOptions): void {
  const shutdown = gracefulShutdown(app, options);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown(signal));
  }
}
