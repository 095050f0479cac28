import { Migration } from '@mikro-orm/migrations';

export class Migration20261122080000_live_attendee_type_index extends Migration {

  override name = 'Migration20261122080000_live_attendee_type_index';

  override up(): void | Promise<void> {
    this.addSql(`drop index "attendees_event_attendee_type_index";`);
    this.addSql(`create index "attendees_event_attendee_type_index" on "attendees" ("event_id", "attendee_type_id", "created_at") where "deleted_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "attendees_event_attendee_type_index";`);
    this.addSql(`create index "attendees_event_attendee_type_index" on "attendees" ("event_id", "attendee_type_id", "created_at");`);
  }

}
