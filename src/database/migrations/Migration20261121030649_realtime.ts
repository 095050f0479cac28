import { Migration } from '@mikro-orm/migrations';

export class Migration20261121030649_realtime extends Migration {

  override name = 'Migration20261121030649_realtime';

  override up(): void | Promise<void> {
    this.addSql(`create table "socket_io_attachments" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "payload" bytea not null);`);
    this.addSql(`create index "socket_io_attachments_created_at_index" on "socket_io_attachments" ("created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "socket_io_attachments" cascade;`);
  }

}
