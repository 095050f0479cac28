import { Migration } from '@mikro-orm/migrations';

export class Migration20261121023133_signups extends Migration {

  override name = 'Migration20261121023133_signups';

  override up(): void | Promise<void> {
    this.addSql(`alter table "events" add "requires_emergency_contact" boolean not null default false;`);

    this.addSql(`create index "attendees_event_waitlisted_at_index" on "attendees" ("event_id", "waitlisted_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "attendees_event_waitlisted_at_index";`);

    this.addSql(`alter table "events" drop column "requires_emergency_contact";`);
  }

}
