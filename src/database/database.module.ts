import { type DynamicModule, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import type { DatabaseConfig } from 'src/config/app-config';
import { MigrationsOnStart } from './migrations-on-start';
import { ormOptions } from './orm-options';

@Module({})
export class DatabaseModule {
  static forRoot(database: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [MikroOrmModule.forRoot(ormOptions(database))],
      providers: [MigrationsOnStart],
    };
  }
}
