import { Logger } from '@nestjs/common';
import { Migrator } from '@mikro-orm/migrations';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PgliteDriver } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { MikroOrmModuleSyncOptions } from '@mikro-orm/nestjs';
import type { DatabaseConfig } from 'src/config/app-config';
import { loadMigrations } from './migration-loader';

const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** MikroORM options for either driver. Entities come from each module's `forFeature`. */
export function ormOptions(database: DatabaseConfig): MikroOrmModuleSyncOptions {
  const logger = new Logger('MikroORM');
  const common = {
    autoLoadEntities: true,
    forceUtcTimezone: true,
    // A whole attendee batch (at most 1000) goes out as one multi-row INSERT / UPDATE.
    batchSize: 1000,
    extensions: [Migrator],
    logger: (message: string) => logger.log(message),
    colors: false,
    discovery: { warnWhenNoEntities: false },
    migrations: {
      tableName: MIGRATIONS_TABLE,
      migrationsList: loadMigrations(),
      // Migrations are diffed against a database migrated from scratch (see migrate.ts), not a snapshot file.
      snapshot: false,
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
    },
  } satisfies MikroOrmModuleSyncOptions;

  if (database.driver === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: database.url,
      pool: { min: 0, max: database.poolMax },
    };
  }
  // In PGlite `dbName` is the cluster's location: a directory, or memory:// for an in-memory one.
  return {
    ...common,
    driver: PgliteDriver,
    dbName: database.dataDir,
    // Trigram indexes serve the registration search; PGlite ships pg_trgm as a loadable extension.
    driverOptions: { extensions: { pg_trgm } },
  };
}
