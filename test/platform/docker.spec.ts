import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from 'src/config/app-config';
import { CONFIG_VARIABLES } from 'src/config/config-variables';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const VARIABLES = Object.values(CONFIG_VARIABLES);
const VARIABLE_NAMES = VARIABLES.map((variable) => variable.name);

/** The container port Turnout listens on: the schema's PORT default, which the image keeps. */
const CONTAINER_PORT = CONFIG_VARIABLES.PORT.default;

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
  ports?: Array<string | number | { target?: number; published?: string | number }>;
  volumes?: Array<string | { type?: string; source?: string; target?: string }>;
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** `KEY=VALUE` lines of a dotenv file; comments and blank lines are skipped. */
function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) values[match[1]] = match[2].trim();
  }
  return values;
}

/**
 * Compose's interpolation of `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`,
 * `${NAME?error}` and `$$`, enough to see what the container receives.
 */
function interpolate(template: string, vars: Record<string, string>): string {
  return template.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (whole, name: string | undefined, colon: string, operator: string, argument: string) => {
      if (whole === '$$') return '$';
      const value = vars[name!];
      const missing = colon ? !value : value === undefined;
      if (!missing) return value;
      if (operator === '?') throw new Error(`compose would refuse to start: ${name} ${argument}`);
      return operator === '-' ? argument : '';
    },
  );
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function dockerInstructions(text: string): Array<{ keyword: string; args: string }> {
  const joined = text
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\r?\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
      return { keyword: keyword.toUpperCase(), args };
    });
}

/** Read by Node, not by Turnout's config: flags such as a heap cap. */
const NODE_VARIABLES = ['NODE_OPTIONS'];

describe('docker/compose.yaml', () => {
  const compose = parse(read('docker/compose.yaml')) as ComposeFile;
  const turnout = compose.services.turnout;
  const postgres = compose.services.postgres;
  const environment = turnout.environment ?? {};

  it('passes the container only variables Turnout (or Node itself) knows', () => {
    const keys = Object.keys(environment);
    expect(keys.length).toBeGreaterThan(0);
    expect(
      keys.filter((key) => !VARIABLE_NAMES.includes(key) && !NODE_VARIABLES.includes(key)),
    ).toEqual([]);
  });

  it('gives every passed-through variable the same fallback as the config schema', () => {
    const drift: string[] = [];
    for (const [key, value] of Object.entries(environment)) {
      const match = new RegExp(`^\\$\\{${key}:-([^}]*)\\}$`).exec(String(value));
      if (!match) continue;
      const schemaDefault = CONFIG_VARIABLES[key as keyof typeof CONFIG_VARIABLES]?.default ?? '';
      if (match[1] !== schemaDefault)
        drift.push(`${key}: compose "${match[1]}", schema "${schemaDefault}"`);
    }
    expect(drift).toEqual([]);
  });

  it('runs Turnout in production against the postgres service, with a required JWT secret', () => {
    expect(environment.NODE_ENV).toBe('production');
    expect(String(environment.DATABASE_URL)).toMatch(/^postgres(ql)?:\/\/.*@postgres:5432\//);
    expect(String(environment.JWT_SECRET)).toMatch(/^\$\{JWT_SECRET:?\?/);
  });

  it('builds the image from the repository root with docker/Dockerfile', () => {
    expect(turnout.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile' });
    expect(
      existsSync(join(ROOT, 'docker', turnout.build!.context!, turnout.build!.dockerfile!)),
    ).toBe(true);
  });

  it('starts Turnout only once PostgreSQL is healthy', () => {
    expect(turnout.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('checks PostgreSQL health with pg_isready', () => {
    const test = postgres.healthcheck?.test;
    const command = Array.isArray(test) ? test.join(' ') : String(test);
    expect(command).toMatch(/\bpg_isready\b.*-U\b.*-d\b/);
  });

  it('keeps the PostgreSQL data in a named volume declared at top level', () => {
    const dataVolume = (postgres.volumes ?? [])
      .map((volume) =>
        typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target],
      )
      .find(([, target]) => target === '/var/lib/postgresql/data');
    expect(dataVolume).toBeDefined();
    const source = dataVolume![0]!;
    expect(source).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/); // a name, not a host path
    expect(Object.keys(compose.volumes ?? {})).toContain(source);
  });

  it('requires a PostgreSQL password instead of falling back to one', () => {
    expect(String(postgres.image)).toMatch(/^postgres:/);
    expect(String(postgres.environment?.POSTGRES_PASSWORD)).toMatch(/^\$\{POSTGRES_PASSWORD:?\?/);
  });

  it(`publishes container port ${CONTAINER_PORT}`, () => {
    const targets = (turnout.ports ?? []).map((port) =>
      typeof port === 'object'
        ? String(port.target)
        : String(port)
            .replace(/\/tcp$/, '')
            .split(':')
            .pop(),
    );
    expect(targets).toContain(CONTAINER_PORT);
  });
});

describe('docker/.env.example', () => {
  const text = read('docker/.env.example');
  const lines = text.split(/\r?\n/);

  it('documents every configuration variable', () => {
    const undocumented = VARIABLE_NAMES.filter(
      (name) => !lines.some((line) => new RegExp(`^(#\\s*)?${name}=`).test(line)),
    );
    expect(undocumented).toEqual([]);
  });

  it('shows each variable with its default value', () => {
    const missing = VARIABLES.filter((variable) => variable.default !== undefined)
      .map((variable) => `${variable.name}=${variable.default}`)
      .filter((line) => !lines.includes(line));
    expect(missing).toEqual([]);
  });

  it('documents the PostgreSQL settings compose needs', () => {
    const values = parseDotEnv(text);
    for (const name of ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB']) {
      expect(values[name]).toBeTruthy();
    }
  });

  it('ships placeholder secrets that are obviously to be replaced', () => {
    const values = parseDotEnv(text);
    expect(values.JWT_SECRET).toMatch(/^change-me/);
    expect(values.POSTGRES_PASSWORD).toMatch(/^change-me/);
  });

  describe('is a valid configuration', () => {
    const values = parseDotEnv(text);

    it('with the DATABASE_URL compose builds from POSTGRES_*', () => {
      const env = {
        ...values,
        DATABASE_URL: `postgres://${values.POSTGRES_USER}:${values.POSTGRES_PASSWORD}@postgres:5432/${values.POSTGRES_DB}`,
      };
      const config = loadConfig(env);
      expect(config.database).toEqual({
        driver: 'postgresql',
        url: env.DATABASE_URL,
        poolMax: Number(values.DATABASE_POOL_MAX),
      });
      expect(config.jwt.secret).toBe(values.JWT_SECRET);
    });

    const containerEnv = (overrides: Record<string, string>) => {
      const compose = parse(read('docker/compose.yaml')) as ComposeFile;
      return Object.fromEntries(
        Object.entries(compose.services.turnout.environment ?? {}).map(([key, value]) => [
          key,
          interpolate(String(value ?? ''), { ...values, ...overrides }),
        ]),
      );
    };

    it('refuses to start in the container until the placeholder JWT_SECRET is replaced', () => {
      expect(() => loadConfig(containerEnv({}))).toThrow(
        /JWT_SECRET is still the example placeholder/,
      );
    });

    it('as the environment compose passes to the container, once the secrets are set', () => {
      const secret = 'k3Yx9-a-real-random-secret-0123456789abcdef';
      const env = containerEnv({ JWT_SECRET: secret });
      const config = loadConfig(env);
      expect(config.env).toBe('production');
      expect(config.http.port).toBe(Number(CONTAINER_PORT));
      expect(config.database).toMatchObject({ driver: 'postgresql' });
      expect(new URL((config.database as { url: string }).url).hostname).toBe('postgres');
      expect(config.metrics.token).toBeUndefined();
      expect(config.jwt.secret).toBe(secret);
    });
  });
});

describe('docker/Dockerfile', () => {
  const instructions = dockerInstructions(read('docker/Dockerfile'));
  const all = (keyword: string) => instructions.filter((i) => i.keyword === keyword);
  const runtimeStart = instructions.findLastIndex((i) => i.keyword === 'FROM');
  const runtime = instructions.slice(runtimeStart);

  it('builds on Node 24 in every stage', () => {
    const bases = all('FROM').map((i) => i.args.split(/\s+/)[0]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toMatch(/^node:24(\b|-|$)/);
  });

  it('runs as a user other than root', () => {
    const users = runtime.filter((i) => i.keyword === 'USER').map((i) => i.args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users.at(-1));
  });

  it('declares a health check on /health/ready', () => {
    const healthchecks = all('HEALTHCHECK');
    expect(healthchecks).toHaveLength(1);
    expect(healthchecks[0].args).toMatch(/CMD .*\/health\/ready/);
    expect(healthchecks[0].args).toMatch(/--start-period=\d+/);
  });

  it('starts dist/src/main.js', () => {
    const commands = all('CMD');
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.at(-1)!.args).toMatch(/dist\/src\/main\.js/);
  });

  it(`exposes port ${CONTAINER_PORT}`, () => {
    expect(all('EXPOSE').map((i) => i.args)).toContain(CONTAINER_PORT);
  });

  it('installs only production dependencies in the runtime stage', () => {
    const installs = runtime.filter(
      (i) => i.keyword === 'RUN' && /\bnpm (ci|install)\b/.test(i.args),
    );
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install.args).toMatch(/--omit=dev/);
    expect(runtime.some((i) => i.keyword === 'ENV' && /NODE_ENV=production/.test(i.args))).toBe(
      true,
    );
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const sources = all('COPY')
      .filter((i) => !/--from=/.test(i.args))
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .slice(0, -1)
          .filter((arg) => !arg.startsWith('--')),
      );
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
      expect(ignored).not.toContain(source.replace(/\/$/, ''));
    }
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.env', '.git']));
  });
});
