import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';

/** Where migrations live: beside this file, as `.ts` in the source tree and `.js` once built. */
export const MIGRATIONS_DIR = join(__dirname, 'migrations');

const MIGRATION_FILE = /^Migration.*\.(js|ts)$/;

/**
 * Loads every `Migration*.{js,ts}` file by `require`, so the same list works from `dist/` in
 * production and from the TypeScript sources under jest, without MikroORM's dynamic `import()`.
 */
export function loadMigrations(dir = MIGRATIONS_DIR): MigrationObject[] {
  return (existsSync(dir) ? readdirSync(dir) : [])
    .filter((file) => MIGRATION_FILE.test(file) && !file.endsWith('.d.ts'))
    .sort()
    .map((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the doc comment
      const exported = require(join(dir, file)) as Record<string, unknown>;
      const migration = Object.values(exported).find((value) => typeof value === 'function');
      if (!migration) throw new Error(`${file} exports no migration class`);
      return { name: basename(file, extname(file)), class: migration as Constructor<Migration> };
    });
}
