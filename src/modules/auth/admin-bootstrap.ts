import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/core';
import { AppConfig } from 'src/config/app-config';
import { IN_MEMORY } from 'src/config/jwt-secret';
import { hashPassword } from '@turnout/common/crypto/password';
import { advisoryTransactionLock } from '@turnout/common/database/advisory-lock';
import { User } from './user.entity';

export const DEFAULT_ADMIN_EMAIL = 'admin@turnout.local';
export const ADMIN_PASSWORD_FILE = 'admin-password';
const BOOTSTRAP_LOCK_KEY = 7_264_118;

/**
 * On first start (no users at all) creates the first Admin: ADMIN_EMAIL / ADMIN_PASSWORD when set,
 * otherwise admin@turnout.local with a random password, logged once and, on the embedded
 * database, written to DATA_DIR/admin-password.
 */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.bootstrapAdmin.enabled) return;
    if (!this.config.migrateOnStart && (await this.pendingSchema())) return;
    const generated = !this.config.bootstrapAdmin.password;
    const email = this.config.bootstrapAdmin.email ?? DEFAULT_ADMIN_EMAIL;
    const password = this.config.bootstrapAdmin.password ?? randomBytes(18).toString('base64url');
    const created = await this.em.fork().transactional(async (em) => {
      // Instances starting together on one PostgreSQL database: only one creates the Admin.
      if (this.config.database.driver === 'postgresql') {
        await advisoryTransactionLock(em, BOOTSTRAP_LOCK_KEY);
      }
      if ((await em.count(User, {})) > 0) return false;
      em.create(User, {
        email,
        name: 'Administrator',
        role: 'ADMIN',
        passwordHash: await hashPassword(password),
      });
      return true;
    });
    if (!created) return;
    if (!generated) {
      this.logger.log(`Created the first Admin, ${email} (password from ADMIN_PASSWORD)`);
      return;
    }
    const file = this.writePasswordFile(password);
    this.logger.warn(
      `Created the first Admin: ${email} with password ${password} (shown once${file ? `, also in ${file}` : ''}). Change it after logging in.`,
    );
  }

  /** With MIGRATE_ON_START=false the schema may not exist yet: then there is nothing to bootstrap into. */
  private async pendingSchema(): Promise<boolean> {
    try {
      await this.em.fork().count(User, {});
      return false;
    } catch {
      this.logger.warn(
        'The users table is not there yet (MIGRATE_ON_START=false): no first Admin created',
      );
      return true;
    }
  }

  private writePasswordFile(password: string): string | undefined {
    const { database, dataDir } = this.config;
    if (database.driver !== 'pglite' || database.dataDir === IN_MEMORY) return undefined;
    const file = join(dataDir, ADMIN_PASSWORD_FILE);
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    return file;
  }
}
