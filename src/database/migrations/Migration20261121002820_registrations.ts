import { Migration } from '@mikro-orm/migrations';

export class Migration20261121002820_registrations extends Migration {

  override name = 'Migration20261121002820_registrations';

  override up(): void | Promise<void> {
    // Added by hand before landing: the trigram indexes below need the extension.
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "registrations" ("id" uuid not null, "registrant_user_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "attendees" ("id" uuid not null, "registration_id" uuid not null, "event_id" uuid not null, "occurrence_id" uuid null, "user_id" uuid null, "external_user_id" varchar(200) null, "first_name" varchar(100) null, "last_name" varchar(100) null, "email" varchar(320) null, "phone" varchar(50) null, "fields" jsonb not null default '{}', "status" text not null, "waitlisted_at" timestamptz null, "offer_expires_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" varchar(50) null, "checked_in_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "attendees_event_occurrence_status_waitlisted_index" on "attendees" ("event_id", "occurrence_id", "status", "waitlisted_at");`);
    this.addSql(`create index "attendees_user_id_index" on "attendees" ("user_id");`);
    this.addSql(`create index "attendees_created_at_index" on "attendees" ("created_at");`);
    this.addSql(`create index "attendees_offer_expires_at_index" on "attendees" ("offer_expires_at");`);
    this.addSql(`create index "attendees_first_name_trgm" on "attendees" using gin ("first_name" gin_trgm_ops);`);
    this.addSql(`create index "attendees_last_name_trgm" on "attendees" using gin ("last_name" gin_trgm_ops);`);
    this.addSql(`create index "attendees_email_trgm" on "attendees" using gin ("email" gin_trgm_ops);`);
    this.addSql(`create index "attendees_phone_trgm" on "attendees" using gin ("phone" gin_trgm_ops);`);
    this.addSql(`create unique index "attendees_one_active_per_user" on "attendees" ("event_id", coalesce("occurrence_id", '00000000-0000-0000-0000-000000000000'::uuid), "user_id") where "status" <> 'CANCELLED' and "deleted_at" is null;`);

    this.addSql(`create index "events_title_trgm" on "events" using gin ("title" gin_trgm_ops);`);

    this.addSql(`alter table "attendees" add constraint "attendees_registration_id_foreign" foreign key ("registration_id") references "registrations" ("id");`);
    this.addSql(`alter table "attendees" add constraint "attendees_status_check" check ("status" in ('PENDING', 'CONFIRMED', 'CANCELLED', 'WAITING_LIST', 'ATTENDED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "attendees" drop constraint "attendees_registration_id_foreign";`);

    this.addSql(`drop table if exists "registrations" cascade;`);
    this.addSql(`drop table if exists "attendees" cascade;`);

    this.addSql(`drop index "events_title_trgm";`);
  }

}
