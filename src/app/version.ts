import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Turnout's version, from the package.json it runs from (the API docs and the webhook User-Agent). */
export const APP_VERSION = (
  JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version: string }
).version;
