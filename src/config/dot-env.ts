import { existsSync } from 'node:fs';

/** Reads `./.env` if there is one. Variables already set in the environment win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
