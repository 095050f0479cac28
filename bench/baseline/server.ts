import { createServer, type IncomingMessage } from 'node:http';
import pg from 'pg';
import { authenticate, type Caller, type JwtSettings } from './auth.ts';
import { createBatch } from './batch.ts';
import { checkIn } from './check-in.ts';
import { eventDetail } from './events.ts';
import { Problem, readJson, type Reply, send, sendProblem } from './http.ts';
import { listAttendees } from './projects.ts';
import { register } from './registrations.ts';
import { searchRegistrations } from './search.ts';

/**
 * The baseline: the benchmark's scenarios served by plain node:http and pg, with the same pool size
 * and the same SQL semantics as Turnout (same capacity rule, search, outbox, response fields), to
 * show what this machine can do for the same job. Run by the harness as a process of its own.
 */

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const pool = new pg.Pool({
  connectionString: env('DATABASE_URL'),
  max: Number(env('DATABASE_POOL_MAX')),
  application_name: 'turnout-bench-baseline',
});
if (process.env.BASELINE_STATEMENTS === 'unnamed') {
  // For evidence only (`--baseline-statements unnamed`, bench/README.md): the same statements sent
  // unnamed, so PostgreSQL parses and plans each one on every execution, as it does Turnout's.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const unnamed = (config: unknown) =>
      config && typeof config === 'object' && 'name' in config
        ? { ...config, name: undefined }
        : config;
    Object.assign(client, {
      query: (config: unknown, ...rest: unknown[]) => query(unnamed(config), ...rest),
    });
  });
}
const jwt: JwtSettings = {
  secret: env('JWT_SECRET'),
  issuer: env('JWT_ISSUER'),
  audience: env('JWT_AUDIENCE'),
};

interface Call {
  caller: Caller | null;
  params: string[];
  url: URL;
  rawUrl: string;
  body: unknown;
}

interface Route {
  method: string;
  path: RegExp;
  /** `optional`: anonymous callers too (a public read); `none`: no authentication at all. */
  auth: 'required' | 'optional' | 'none';
  handle(call: Call): Promise<Reply>;
}

const PROJECT = '/api/v1/projects/([a-z0-9-]+)/([a-z0-9-]+)';
const needs = (caller: Caller | null) => caller!;

const ROUTES: Route[] = [
  {
    method: 'GET',
    path: /^\/health\/ready$/,
    auth: 'none',
    handle: async () => {
      await pool.query('select 1');
      return { status: 200, body: { status: 'ok' } };
    },
  },
  {
    method: 'POST',
    path: /^\/api\/v1\/event-registrations$/,
    auth: 'required',
    handle: ({ caller, body }) => register(pool, needs(caller), body),
  },
  {
    method: 'GET',
    path: /^\/api\/v1\/event-registrations$/,
    auth: 'required',
    handle: ({ caller, url }) => searchRegistrations(pool, needs(caller), url),
  },
  {
    method: 'GET',
    path: new RegExp(`^${PROJECT}/attendees$`),
    auth: 'required',
    handle: ({ caller, params, url, rawUrl }) =>
      listAttendees(pool, needs(caller), params, url, rawUrl),
  },
  {
    method: 'POST',
    path: new RegExp(`^${PROJECT}/attendees/batch$`),
    auth: 'required',
    handle: ({ caller, params, body }) => createBatch(pool, needs(caller), params, body),
  },
  {
    method: 'POST',
    path: new RegExp(`^${PROJECT}/check-ins$`),
    auth: 'required',
    handle: ({ caller, params, body }) => checkIn(pool, needs(caller), params, body),
  },
  {
    method: 'GET',
    path: /^\/api\/events\/([0-9a-f-]{36})$/,
    auth: 'optional',
    handle: ({ caller, params }) => eventDetail(pool, caller, params),
  },
];

async function handle(request: IncomingMessage): Promise<Reply> {
  const rawUrl = request.url ?? '/';
  const url = new URL(rawUrl, 'http://baseline.invalid');
  for (const route of ROUTES) {
    const match = request.method === route.method ? route.path.exec(url.pathname) : null;
    if (!match) continue;
    const anonymous =
      route.auth === 'none' || (route.auth === 'optional' && !request.headers.authorization);
    const caller = anonymous ? null : await authenticate(pool, request.headers.authorization, jwt);
    const body = request.method === 'GET' ? undefined : await readJson(request);
    return route.handle({ caller, params: match.slice(1), url, rawUrl, body });
  }
  throw new Problem(404, 'not-found', `No route ${request.method} ${url.pathname}`);
}

const server = createServer((request, response) => {
  handle(request).then(
    (reply) => send(response, reply),
    (error: unknown) => {
      if (!(error instanceof Problem))
        process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      const problem =
        error instanceof Problem ? error : new Problem(500, 'internal', 'Unexpected error');
      sendProblem(response, problem, request.url ?? '');
    },
  );
});
server.keepAliveTimeout = 65_000;

server.listen(Number(env('PORT')), process.env.HOST ?? '127.0.0.1');

process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void pool.end().then(() => process.exit(0)));
});
