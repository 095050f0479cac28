import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** DATA_DIR value that keeps the embedded database in memory. */
export const IN_MEMORY = 'memory://';

const SECRET_FILE = 'jwt-secret';

/**
 * The embedded default needs no setup: a signing secret is generated on first start and kept in
 * the data directory (readable by the owner only), so issued tokens survive restarts.
 */
export function readOrCreateJwtSecret(dataDir: string): string {
  if (dataDir === IN_MEMORY) return randomBytes(48).toString('base64url');
  const file = join(dataDir, SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  try {
    // `wx`: if another process created it meanwhile, keep theirs.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file, 'utf8').trim();
  }
}
