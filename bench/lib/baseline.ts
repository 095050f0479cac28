import { join } from 'node:path';
import { startServer, type ServerProcess } from './processes.ts';
import { SHARED } from './turnout.ts';

const BASELINE_SERVER = join(import.meta.dirname, '..', 'baseline', 'server.ts');

/** The baseline server, with Turnout's pool size and token settings. */
export function startBaseline(
  databaseUrl: string,
  statements: 'prepared' | 'unnamed' = 'prepared',
): Promise<ServerProcess> {
  return startServer('baseline', BASELINE_SERVER, {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_MAX: String(SHARED.poolMax),
    JWT_SECRET: SHARED.jwtSecret,
    JWT_ISSUER: SHARED.jwtIssuer,
    JWT_AUDIENCE: SHARED.jwtAudience,
    NODE_ENV: 'production',
    BASELINE_STATEMENTS: statements,
  });
}
