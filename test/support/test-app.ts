import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { MikroORM } from '@mikro-orm/core';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import request from 'supertest';
import { AppModule } from 'src/app.module';
import { configureApp, createAdapter } from 'src/app/create-app';
import { loggerOptions } from 'src/app/logger-options';
import { type AppConfig, loadConfig } from 'src/config/app-config';
import { IN_MEMORY } from 'src/config/jwt-secret';
import { capturingLogs } from './log-capture';

/** A fixed secret, so tests can also sign hostile tokens by hand. */
export const TEST_JWT_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  orm: MikroORM;
  /** supertest bound to the app. */
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * The configuration tests run with: the run's PostgreSQL database when DATABASE_URL is set,
 * otherwise a fresh in-memory PGlite; `env` overrides any variable.
 */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    DATA_DIR: IN_MEMORY,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Tests fire hundreds of requests from one address; the rate-limit tests turn it back on.
    RATE_LIMIT_ANONYMOUS: '0',
    RATE_LIMIT_AUTHENTICATED: '0',
    ...env,
  });
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Extra controllers mounted beside the real app (fixtures that exercise the platform). */
  controllers?: Type[];
  /** Log every level as JSON into `capturedLogLines` (./log-capture) instead of stdout. */
  captureLogs?: boolean;
}

/** Boots the real app (all modules, migrations, filters, pipes) on the test database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const capture: Record<string, string> = options.captureLogs
    ? { LOG_LEVEL: 'trace', LOG_FORMAT: 'json' }
    : {};
  const config = testConfig({ ...capture, ...options.env });
  const builder = Test.createTestingModule({
    imports: [AppModule.forRoot(config)],
    controllers: options.controllers ?? [],
  });
  if (options.captureLogs) {
    builder.overrideProvider(PARAMS_PROVIDER_TOKEN).useValue(capturingLogs(loggerOptions(config)));
  }
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), {
    bufferLogs: true,
  });
  await configureApp(app, config);
  await app.getHttpAdapter().getInstance().ready();

  return {
    app,
    config,
    orm: app.get(MikroORM),
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
