import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { MikroORM } from '@mikro-orm/core';
import request from 'supertest';
import { AppModule } from 'src/app.module';
import { configureApp, createAdapter } from 'src/app/create-app';
import { type AppConfig, loadConfig } from 'src/config/app-config';
import { IN_MEMORY } from 'src/config/jwt-secret';

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
    ...env,
  });
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Extra controllers mounted beside the real app (fixtures that exercise the platform). */
  controllers?: Type[];
}

/** Boots the real app (all modules, migrations, filters, pipes) on the test database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = testConfig(options.env);
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot(config)],
    controllers: options.controllers ?? [],
  }).compile();
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
