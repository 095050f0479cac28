import { Migration } from '@mikro-orm/migrations';

export class Migration20261120232756_init extends Migration {

  override name = 'Migration20261120232756_init';

  override up(): void | Promise<void> {
    this.addSql(`create table "organizations" ("id" uuid not null, "slug" varchar(100) not null, "name" varchar(200) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "organizations" add constraint "organizations_slug_unique" unique ("slug");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "organizations" cascade;`);
  }

}
