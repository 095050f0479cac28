import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MikroORM } from '@mikro-orm/core';
import { sqlRows } from '@turnout/common/database/sql';

const PING_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Readiness of the database: it answers a query, and every committed migration is applied. */
@Injectable()
export class DatabaseHealth {
  // Once every migration has been seen applied it stays so: no need to ask on every probe.
  private migrationsApplied = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly health: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.health.check('database');
    try {
      await withTimeout(sqlRows(this.orm.em, 'select 1'), PING_TIMEOUT_MS);
    } catch (error) {
      return indicator.down({ message: `unreachable: ${(error as Error).message}` });
    }
    if (!this.migrationsApplied) {
      const pending = await this.orm.migrator.getPending();
      if (pending.length > 0) {
        return indicator.down({
          message: 'migrations pending',
          pending: pending.map((m) => m.name),
        });
      }
      this.migrationsApplied = true;
    }
    return indicator.up({ driver: this.orm.config.get('driver')?.name });
  }
}
