import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { MikroORM, type Transaction } from '@mikro-orm/core';
import { advisoryTransactionLock } from '@turnout/common/database/advisory-lock';
import type { MigrationInfo } from '@mikro-orm/migrations';
import { AppConfig } from 'src/config/app-config';

/** Any constant works; it only has to be the same for every Turnout instance on a database. */
const MIGRATION_LOCK_KEY = 7_264_117;

/** Applies pending migrations before the app serves anything (unless MIGRATE_ON_START=false). */
@Injectable()
export class MigrationsOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    private readonly orm: MikroORM,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.migrateOnStart) return;
    const applied = await this.migrateUnderLock();
    this.logger.log(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`
        : 'Database schema is up to date',
    );
  }

  /**
   * Several instances may start at once on one PostgreSQL database: a transaction-scoped advisory
   * lock makes them migrate one after the other, the later ones then finding nothing pending. The
   * lock is taken before the migrator first touches the database (it creates its tracking table on
   * first use). A PGlite data directory belongs to one process, and its single connection would
   * deadlock on the migrator's queries outside the locking transaction: no lock there.
   */
  private migrateUnderLock(): Promise<MigrationInfo[]> {
    if (this.config.database.driver === 'pglite') return this.orm.migrator.up();
    return this.orm.em.fork().transactional(async (tx) => {
      await advisoryTransactionLock(tx, MIGRATION_LOCK_KEY);
      return this.orm.migrator.up({ transaction: tx.getTransactionContext<Transaction<object>>() });
    });
  }
}
