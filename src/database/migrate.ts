import 'reflect-metadata';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MikroORM } from '@mikro-orm/core';
import { AppModule } from 'src/app.module';
import { type AppConfig, ConfigError, describeDatabase, loadConfig } from 'src/config/app-config';
import { loadDotEnv } from 'src/config/dot-env';
import { IN_MEMORY } from 'src/config/jwt-secret';

const USAGE = `usage: migrate.js <command>
  up              apply pending migrations to the configured database (npm run migrate)
  pending         list migrations not yet applied
  create [name]   generate the next migration from the entities (npm run migration:create -- name)`;

/** Where new migrations are written: the source tree, so they get reviewed and committed. */
const SOURCE_MIGRATIONS_DIR = join(process.cwd(), 'src', 'database', 'migrations');

async function withOrm<T>(config: AppConfig, work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const tool: AppConfig = {
    ...config,
    bootstrapAdmin: { ...config.bootstrapAdmin, enabled: false },
  };
  const context = await NestFactory.createApplicationContext(AppModule.forRoot(tool), {
    logger: ['log', 'warn', 'error'],
  });
  try {
    return await work(context.get(MikroORM));
  } finally {
    await context.close();
  }
}

async function run(command: string | undefined, name: string | undefined): Promise<void> {
  const logger = new Logger('migrate');
  loadDotEnv();
  const config = loadConfig(process.env);
  switch (command) {
    case 'up':
      logger.log(`Migrating ${describeDatabase(config.database)}`);
      await withOrm({ ...config, migrateOnStart: true }, () => Promise.resolve());
      return;
    case 'pending': {
      const pending = await withOrm({ ...config, migrateOnStart: false }, (orm) =>
        orm.migrator.getPending(),
      );
      logger.log(
        pending.length ? `Pending: ${pending.map((m) => m.name).join(', ')}` : 'Nothing pending',
      );
      return;
    }
    case 'create': {
      // Diff the entities against a scratch database migrated from scratch, never a developer's own.
      const scratch: AppConfig = {
        ...config,
        database: { driver: 'pglite', dataDir: IN_MEMORY },
        migrateOnStart: true,
      };
      const result = await withOrm(scratch, (orm) =>
        orm.migrator.create(SOURCE_MIGRATIONS_DIR, false, false, name),
      );
      logger.log(
        result.fileName
          ? `Created src/database/migrations/${result.fileName}: review it, then commit it`
          : 'The entities match the migrations: nothing to generate',
      );
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

run(process.argv[2], process.argv[3]).catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
