import { resolve } from 'node:path';
import { CONFIG_VARIABLES, type ConfigVariableName } from './config-variables';
import { IN_MEMORY, readOrCreateJwtSecret } from './jwt-secret';

export type DatabaseConfig =
  | { driver: 'postgresql'; url: string; poolMax: number }
  /** `dataDir` is a directory, or `memory://` for a throwaway in-memory database. */
  | { driver: 'pglite'; dataDir: string };

/** Turnout's configuration, validated once at start-up. Injected as `AppConfig`. */
export abstract class AppConfig {
  abstract readonly env: 'development' | 'production' | 'test';
  abstract readonly http: {
    host: string;
    port: number;
    bodyLimit: number;
    corsOrigins: '*' | string[];
    trustProxy: boolean;
    shutdownTimeoutMs: number;
  };
  abstract readonly database: DatabaseConfig;
  abstract readonly dataDir: string;
  abstract readonly migrateOnStart: boolean;
  abstract readonly jwt: { secret: string; issuer: string; audience: string; ttlSeconds: number };
  abstract readonly log: { level: string; format: 'auto' | 'json' | 'pretty' };
  abstract readonly metrics: { token?: string };
  /** `enabled` is false for tools (the migration CLI) that boot the app without serving it. */
  abstract readonly bootstrapAdmin: { enabled: boolean; email?: string; password?: string };
  abstract readonly login: { perIp: number; perEmail: number; windowSeconds: number };
  /** Requests per window by client address (no credentials) and by user or API key; 0: no limit. */
  abstract readonly rateLimit: { anonymous: number; authenticated: number; windowSeconds: number };
  abstract readonly offerSweepSeconds: number;
  abstract readonly webhooks: WebhookConfig;
}

export interface WebhookConfig {
  allowHttp: boolean;
  allowPrivateNetworks: boolean;
  timeoutMs: number;
  concurrency: number;
  /** Whether this instance sends deliveries (another instance may do it for a fleet of API instances). */
  dispatch: boolean;
  pollMs: number;
  leaseSeconds: number;
  retryScheduleMs: number[];
  rotationHours: number;
  disableAfterDays: number;
  retentionDays: number;
}

/** Configuration that cannot start Turnout. Its message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Parsed = {
  [K in ConfigVariableName]: ReturnType<(typeof CONFIG_VARIABLES)[K]['parse']> | undefined;
};

function parseAll(env: NodeJS.ProcessEnv, problems: string[]): Parsed {
  const parsed: Record<string, unknown> = {};
  for (const spec of Object.values(CONFIG_VARIABLES)) {
    const raw = env[spec.name]?.trim() ? env[spec.name] : spec.default;
    if (raw === undefined) continue;
    try {
      parsed[spec.name] = spec.parse(raw);
    } catch (error) {
      const shown = /SECRET|TOKEN|PASSWORD/.test(spec.name) ? '' : ` (got "${raw}")`;
      problems.push(`${spec.name} ${(error as Error).message}${shown}`);
    }
  }
  return parsed as Parsed;
}

/** Reads and validates the environment. Throws a `ConfigError` naming every variable that is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const v = parseAll(env, problems);
  if (v.DATABASE_URL && !v.JWT_SECRET && !problems.some((p) => p.startsWith('JWT_SECRET'))) {
    problems.push('JWT_SECRET is required when DATABASE_URL is set (32+ random characters)');
  }
  if (v.NODE_ENV === 'production' && v.JWT_SECRET?.toLowerCase().startsWith('change-me')) {
    problems.push(
      'JWT_SECRET is still the example placeholder: set a random secret (openssl rand -base64 48)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = v.DATA_DIR === IN_MEMORY ? IN_MEMORY : resolve(v.DATA_DIR!);
  return {
    env: v.NODE_ENV!,
    http: {
      host: v.HOST!,
      port: v.PORT!,
      bodyLimit: v.BODY_LIMIT!,
      corsOrigins: v.CORS_ORIGINS!,
      trustProxy: v.TRUST_PROXY!,
      shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS!,
    },
    database: v.DATABASE_URL
      ? { driver: 'postgresql', url: v.DATABASE_URL, poolMax: v.DATABASE_POOL_MAX! }
      : {
          driver: 'pglite',
          dataDir: dataDir === IN_MEMORY ? IN_MEMORY : resolve(dataDir, 'pglite'),
        },
    dataDir,
    migrateOnStart: v.MIGRATE_ON_START!,
    jwt: {
      secret: v.JWT_SECRET ?? readOrCreateJwtSecret(dataDir),
      issuer: v.JWT_ISSUER!,
      audience: v.JWT_AUDIENCE!,
      ttlSeconds: v.JWT_TTL_SECONDS!,
    },
    log: { level: v.LOG_LEVEL!, format: v.LOG_FORMAT! },
    metrics: { token: v.METRICS_TOKEN },
    bootstrapAdmin: { enabled: true, email: v.ADMIN_EMAIL, password: v.ADMIN_PASSWORD },
    login: {
      perIp: v.LOGIN_MAX_PER_IP!,
      perEmail: v.LOGIN_MAX_PER_EMAIL!,
      windowSeconds: v.LOGIN_WINDOW_SECONDS!,
    },
    rateLimit: {
      anonymous: v.RATE_LIMIT_ANONYMOUS!,
      authenticated: v.RATE_LIMIT_AUTHENTICATED!,
      windowSeconds: v.RATE_LIMIT_WINDOW_SECONDS!,
    },
    offerSweepSeconds: v.OFFER_SWEEP_SECONDS!,
    webhooks: {
      allowHttp: v.WEBHOOK_ALLOW_HTTP!,
      allowPrivateNetworks: v.WEBHOOK_ALLOW_PRIVATE_NETWORKS!,
      timeoutMs: v.WEBHOOK_TIMEOUT_MS!,
      concurrency: v.WEBHOOK_CONCURRENCY!,
      dispatch: v.WEBHOOK_DISPATCHER!,
      pollMs: v.WEBHOOK_POLL_MS!,
      leaseSeconds: v.WEBHOOK_LEASE_SECONDS!,
      retryScheduleMs: v.WEBHOOK_RETRY_SCHEDULE!,
      rotationHours: v.WEBHOOK_ROTATION_HOURS!,
      disableAfterDays: v.WEBHOOK_DISABLE_AFTER_DAYS!,
      retentionDays: v.WEBHOOK_RETENTION_DAYS!,
    },
  };
}

/** A database URL fit for logs: the password is replaced. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.driver === 'pglite') {
    return database.dataDir === IN_MEMORY
      ? 'embedded PGlite (in memory, nothing is kept)'
      : `embedded PGlite at ${database.dataDir}`;
  }
  const url = new URL(database.url);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}
