import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, describeDatabase, loadConfig } from './app-config';
import { CONFIG_VARIABLES } from './config-variables';
import { IN_MEMORY } from './jwt-secret';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'turnout-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs on the embedded database with every default when nothing is set', () => {
    const config = loadConfig({ DATA_DIR: dataDir });

    expect(config.database).toEqual({ driver: 'pglite', dataDir: join(dataDir, 'pglite') });
    expect(config.http).toEqual({
      host: '0.0.0.0',
      port: 3000,
      bodyLimit: 1_048_576,
      corsOrigins: '*',
      trustProxy: false,
      shutdownTimeoutMs: 10_000,
    });
    expect(config.migrateOnStart).toBe(true);
    expect(config.jwt).toMatchObject({
      issuer: 'turnout',
      audience: 'turnout-api',
      ttlSeconds: 3600,
    });
  });

  it('generates the embedded JWT secret once and reuses it', () => {
    const first = loadConfig({ DATA_DIR: dataDir }).jwt.secret;
    const second = loadConfig({ DATA_DIR: dataDir }).jwt.secret;

    expect(first).toHaveLength(64);
    expect(second).toBe(first);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim()).toBe(first);
  });

  it('keeps nothing on disk with DATA_DIR=memory://', () => {
    const config = loadConfig({ DATA_DIR: IN_MEMORY });
    expect(config.database).toEqual({ driver: 'pglite', dataDir: IN_MEMORY });
    expect(config.jwt.secret).not.toBe(loadConfig({ DATA_DIR: IN_MEMORY }).jwt.secret);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and then requires JWT_SECRET', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db:5432/turnout' })).toEqual([
      'JWT_SECRET is required when DATABASE_URL is set (32+ random characters)',
    ]);
    const config = loadConfig({
      DATABASE_URL: 'postgres://db:5432/turnout',
      JWT_SECRET: 's'.repeat(32),
      DATABASE_POOL_MAX: '20',
    });
    expect(config.database).toEqual({
      driver: 'postgresql',
      url: 'postgres://db:5432/turnout',
      poolMax: 20,
    });
  });

  it('names every bad variable at once, without echoing secrets', () => {
    const problems = problemsOf({
      PORT: '70000',
      TRUST_PROXY: 'maybe',
      DATABASE_URL: 'mysql://db/turnout',
      JWT_SECRET: 'short',
      CORS_ORIGINS: 'app.example.com',
    });

    expect(problems).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "70000")',
      'DATABASE_URL must start with postgres:// or postgresql:// (got "mysql://db/turnout")',
      'JWT_SECRET must be at least 32 characters long',
      'CORS_ORIGINS "app.example.com" is not an origin like https://app.example.com (got "app.example.com")',
      'TRUST_PROXY must be true or false (got "maybe")',
    ]);
  });

  it('refuses the example placeholder secret in production only', () => {
    const env = {
      DATABASE_URL: 'postgres://db:5432/turnout',
      JWT_SECRET: 'change-me-to-32-or-more-random-characters',
    };
    expect(problemsOf({ ...env, NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET is still the example placeholder: set a random secret (openssl rand -base64 48)',
    ]);
    expect(problemsOf({ ...env, NODE_ENV: 'development' })).toEqual([]);
  });

  it('refuses a DATABASE_URL without a database name', () => {
    expect(
      problemsOf({ DATABASE_URL: 'postgres://db:5432', JWT_SECRET: 's'.repeat(32) })[0],
    ).toMatch(/^DATABASE_URL must name a database/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATA_DIR: dataDir, PORT: '', METRICS_TOKEN: '' }).http.port).toBe(3000);
  });

  it('parses a list of CORS origins', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      CORS_ORIGINS: 'https://a.example.com, http://localhost:5173',
    });
    expect(config.http.corsOrigins).toEqual(['https://a.example.com', 'http://localhost:5173']);
  });

  it('has a description for every variable, and a default that parses', () => {
    for (const spec of Object.values(CONFIG_VARIABLES)) {
      expect(spec.description.length).toBeGreaterThan(5);
      if ('default' in spec && spec.default !== undefined)
        expect(() => spec.parse(spec.default!)).not.toThrow();
    }
  });
});

describe('describeDatabase', () => {
  it('hides the password of a PostgreSQL URL', () => {
    expect(
      describeDatabase({
        driver: 'postgresql',
        url: 'postgres://app:hunter2@db:5432/turnout',
        poolMax: 5,
      }),
    ).toBe('PostgreSQL at postgres://app:***@db:5432/turnout');
  });
});
