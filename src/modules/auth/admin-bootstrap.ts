import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
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
 * otherwise admin@turnout.local with a random password written (owner-only) to
 * DATA_DIR/admin-password. The password itself is never logged: logs travel and are kept.
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
      // Before the commit: a file that cannot be written leaves no Admin whose password nobody has.
      return { file: generated ? this.writePasswordFile(password) : undefined };
    });
    if (!created) return;
    if (!generated) {
      this.logger.log(`Created the first Admin, ${email} (password from ADMIN_PASSWORD)`);
    } else if (created.file) {
      this.logger.warn(
        `Created the first Admin: ${email}, with a generated password in ${created.file} (readable by you only). Change it after logging in.`,
      );
    } else {
      this.logger.warn(
        `Created the first Admin: ${email}, with a generated password kept nowhere (DATA_DIR=${IN_MEMORY}): set ADMIN_PASSWORD to log in as the Admin`,
      );
    }
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
    const { dataDir } = this.config;
    if (dataDir === IN_MEMORY) return undefined;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = join(dataDir, ADMIN_PASSWORD_FILE);
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
    return file;
  }
}
