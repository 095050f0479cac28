import {
  boolean,
  delayList,
  email,
  integer,
  oneOf,
  originList,
  postgresUrl,
  text,
  type Parser,
} from './env-parsers';

export interface ConfigVariable<T = unknown> {
  name: string;
  description: string;
  /** Used when the variable is unset or empty. Variables without one are optional or conditionally required. */
  default?: string;
  parse: Parser<T>;
}

const variable = <T>(spec: ConfigVariable<T>) => spec;

/**
 * Every environment variable Turnout reads. The README table, `docker/.env.example` and the
 * compose file are checked against this list by tests.
 */
export const CONFIG_VARIABLES = {
  NODE_ENV: variable({
    name: 'NODE_ENV',
    description: 'development, production or test',
    default: 'development',
    parse: oneOf('development', 'production', 'test'),
  }),
  HOST: variable({
    name: 'HOST',
    description: 'Interface to listen on',
    default: '0.0.0.0',
    parse: text(),
  }),
  PORT: variable({
    name: 'PORT',
    description: 'HTTP port',
    default: '3000',
    parse: integer(0, 65535),
  }),
  DATABASE_URL: variable({
    name: 'DATABASE_URL',
    description: 'PostgreSQL URL. Unset: the embedded PGlite database under DATA_DIR',
    parse: postgresUrl,
  }),
  DATABASE_POOL_MAX: variable({
    name: 'DATABASE_POOL_MAX',
    description: 'Most PostgreSQL connections per instance',
    default: '10',
    parse: integer(1, 1000),
  }),
  DATA_DIR: variable({
    name: 'DATA_DIR',
    description:
      'Where the embedded database and generated secrets live; memory:// keeps everything in memory',
    default: './data',
    parse: text(),
  }),
  MIGRATE_ON_START: variable({
    name: 'MIGRATE_ON_START',
    description: 'Apply pending migrations at start-up',
    default: 'true',
    parse: boolean,
  }),
  JWT_SECRET: variable({
    name: 'JWT_SECRET',
    description:
      'HS256 signing secret (32+ characters). Required with DATABASE_URL; generated and kept under DATA_DIR otherwise',
    parse: text(32),
  }),
  JWT_ISSUER: variable({
    name: 'JWT_ISSUER',
    description: 'Token issuer (iss)',
    default: 'turnout',
    parse: text(),
  }),
  JWT_AUDIENCE: variable({
    name: 'JWT_AUDIENCE',
    description: 'Token audience (aud)',
    default: 'turnout-api',
    parse: text(),
  }),
  JWT_TTL_SECONDS: variable({
    name: 'JWT_TTL_SECONDS',
    description: 'Lifetime of issued access tokens',
    default: '3600',
    parse: integer(60, 30 * 24 * 3600),
  }),
  ADMIN_EMAIL: variable({
    name: 'ADMIN_EMAIL',
    description: 'Email of the Admin created on first start (default admin@turnout.local)',
    parse: email,
  }),
  ADMIN_PASSWORD: variable({
    name: 'ADMIN_PASSWORD',
    description:
      'Password of that Admin (10+ characters); unset: a random one, written to DATA_DIR/admin-password',
    parse: text(10),
  }),
  LOGIN_MAX_PER_IP: variable({
    name: 'LOGIN_MAX_PER_IP',
    description: 'Login attempts allowed per client address per LOGIN_WINDOW_SECONDS',
    default: '30',
    parse: integer(1, 100_000),
  }),
  LOGIN_MAX_PER_EMAIL: variable({
    name: 'LOGIN_MAX_PER_EMAIL',
    description: 'Login attempts allowed per email per LOGIN_WINDOW_SECONDS (reset by a success)',
    default: '10',
    parse: integer(1, 100_000),
  }),
  LOGIN_WINDOW_SECONDS: variable({
    name: 'LOGIN_WINDOW_SECONDS',
    description: 'The login rate-limit window',
    default: '900',
    parse: integer(1, 86_400),
  }),
  RATE_LIMIT_ANONYMOUS: variable({
    name: 'RATE_LIMIT_ANONYMOUS',
    description:
      'Requests per client address per RATE_LIMIT_WINDOW_SECONDS without credentials (public routes too); 0 disables',
    default: '120',
    parse: integer(0, 1_000_000),
  }),
  RATE_LIMIT_AUTHENTICATED: variable({
    name: 'RATE_LIMIT_AUTHENTICATED',
    description: 'Requests per user or API key per RATE_LIMIT_WINDOW_SECONDS; 0 disables',
    default: '1200',
    parse: integer(0, 1_000_000),
  }),
  RATE_LIMIT_WINDOW_SECONDS: variable({
    name: 'RATE_LIMIT_WINDOW_SECONDS',
    description: "The general rate-limit window (sliding, counted in each instance's memory)",
    default: '60',
    parse: integer(1, 86_400),
  }),
  OFFER_SWEEP_SECONDS: variable({
    name: 'OFFER_SWEEP_SECONDS',
    description: 'How often expired waiting-list offers are lapsed and offered to the next in line',
    default: '30',
    parse: integer(1, 3600),
  }),
  WEBHOOK_ALLOW_HTTP: variable({
    name: 'WEBHOOK_ALLOW_HTTP',
    description: 'Allow http:// webhook URLs (https only otherwise)',
    default: 'false',
    parse: boolean,
  }),
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: variable({
    name: 'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
    description:
      'Allow webhook URLs that resolve to loopback, private, link-local or other reserved addresses (local development and tests)',
    default: 'false',
    parse: boolean,
  }),
  WEBHOOK_TIMEOUT_MS: variable({
    name: 'WEBHOOK_TIMEOUT_MS',
    description: 'How long a webhook receiver has to answer',
    default: '15000',
    parse: integer(100, 120_000),
  }),
  WEBHOOK_CONCURRENCY: variable({
    name: 'WEBHOOK_CONCURRENCY',
    description: 'Deliveries in flight at once, per instance',
    default: '16',
    parse: integer(1, 256),
  }),
  WEBHOOK_DISPATCHER: variable({
    name: 'WEBHOOK_DISPATCHER',
    description:
      'Send webhook deliveries from this instance; false for API instances when a dedicated instance sends them',
    default: 'true',
    parse: boolean,
  }),
  WEBHOOK_POLL_MS: variable({
    name: 'WEBHOOK_POLL_MS',
    description: 'How often the dispatcher looks for due deliveries',
    default: '1000',
    parse: integer(50, 60_000),
  }),
  WEBHOOK_LEASE_SECONDS: variable({
    name: 'WEBHOOK_LEASE_SECONDS',
    description:
      'How long a claimed delivery is held before another instance may take it over (after a crash)',
    default: '60',
    parse: integer(5, 3600),
  }),
  WEBHOOK_RETRY_SCHEDULE: variable({
    name: 'WEBHOOK_RETRY_SCHEDULE',
    description: 'Comma-separated delays in milliseconds before each retry',
    default: '0,5000,300000,1800000,7200000,18000000,36000000,36000000',
    parse: delayList,
  }),
  WEBHOOK_ROTATION_HOURS: variable({
    name: 'WEBHOOK_ROTATION_HOURS',
    description: 'How long a rotated-out secret keeps signing beside the new one',
    default: '24',
    parse: integer(0, 720),
  }),
  WEBHOOK_DISABLE_AFTER_DAYS: variable({
    name: 'WEBHOOK_DISABLE_AFTER_DAYS',
    description: 'A subscription failing for this long without a success is disabled',
    default: '5',
    parse: integer(1, 365),
  }),
  WEBHOOK_RETENTION_DAYS: variable({
    name: 'WEBHOOK_RETENTION_DAYS',
    description: 'How long finished deliveries are kept in the log',
    default: '30',
    parse: integer(1, 3650),
  }),
  BODY_LIMIT: variable({
    name: 'BODY_LIMIT',
    description: 'Largest accepted request body, in bytes',
    default: String(1024 * 1024),
    parse: integer(1024, 64 * 1024 * 1024),
  }),
  CORS_ORIGINS: variable({
    name: 'CORS_ORIGINS',
    description:
      '* or a comma-separated list of browser origins allowed to call the API (never with cookies)',
    default: '*',
    parse: originList,
  }),
  TRUST_PROXY: variable({
    name: 'TRUST_PROXY',
    description: 'Take the client address from X-Forwarded-For (set behind a load balancer)',
    default: 'false',
    parse: boolean,
  }),
  SHUTDOWN_TIMEOUT_MS: variable({
    name: 'SHUTDOWN_TIMEOUT_MS',
    description: 'How long in-flight requests may run after SIGTERM',
    default: '10000',
    parse: integer(0, 600_000),
  }),
  LOG_LEVEL: variable({
    name: 'LOG_LEVEL',
    description: 'fatal, error, warn, info, debug, trace or silent',
    default: 'info',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  }),
  LOG_FORMAT: variable({
    name: 'LOG_FORMAT',
    description: 'json, pretty, or auto (pretty on a terminal, JSON otherwise)',
    default: 'auto',
    parse: oneOf('auto', 'json', 'pretty'),
  }),
  METRICS_TOKEN: variable({
    name: 'METRICS_TOKEN',
    description: 'When set, GET /metrics requires Authorization: Bearer <token>',
    parse: text(16),
  }),
} satisfies Record<string, ConfigVariable>;

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;
