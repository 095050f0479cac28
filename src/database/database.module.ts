import { type DynamicModule, Module } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AfterCommit } from '@turnout/common/events/after-commit';
import { BeforeCommit } from '@turnout/common/events/before-commit';
import type { DatabaseConfig } from 'src/config/app-config';
import { MigrationsOnStart } from './migrations-on-start';
import { ormOptions } from './orm-options';

/**
 * The ORM, migrations on start, `BeforeCommit` for rows a transaction writes together as it
 * commits, and `AfterCommit` for work that must wait for a commit.
 */
@Module({})
export class DatabaseModule {
  static forRoot(database: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [MikroOrmModule.forRoot(ormOptions(database))],
      providers: [
        MigrationsOnStart,
        // Created at start-up, outside any request: deferred work runs in that clean context.
        {
          provide: AfterCommit,
          inject: [MikroORM],
          useFactory: (orm: MikroORM) => AfterCommit.attach(orm.em),
        },
        {
          provide: BeforeCommit,
          inject: [MikroORM],
          useFactory: (orm: MikroORM) => BeforeCommit.attach(orm.em),
        },
      ],
      exports: [AfterCommit, BeforeCommit],
    };
  }
}
