import { Migration } from '@mikro-orm/migrations';

export class Migration20261121013600_attendees extends Migration {

  override name = 'Migration20261121013600_attendees';

  override up(): void | Promise<void> {
    this.addSql(`create table "check_ins" ("id" uuid not null, "event_id" uuid not null, "attendee_id" uuid not null, "credential_id" uuid null, "direction" text not null, "gate" varchar(100) null, "nonce" varchar(200) null, "scanned_by_user_id" uuid null, "scanned_by_api_key_id" uuid null, "scanned_at" timestamptz not null, "first_entry" boolean not null, "attendee" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "check_ins_event_scanned_at_index" on "check_ins" ("event_id", "scanned_at");`);
    this.addSql(`create index "check_ins_attendee_scanned_at_index" on "check_ins" ("attendee_id", "scanned_at");`);
    this.addSql(`alter table "check_ins" add constraint "check_ins_event_nonce_unique" unique ("event_id", "nonce");`);

    this.addSql(`create table "credential_types" ("id" uuid not null, "event_id" uuid not null, "code" varchar(50) not null, "name" varchar(100) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "credential_types" add constraint "credential_types_event_code_unique" unique ("event_id", "code");`);

    this.addSql(`create table "credentials" ("id" uuid not null, "event_id" uuid not null, "attendee_id" uuid not null, "credential_type_id" uuid not null, "value" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "credentials_attendee_id_index" on "credentials" ("attendee_id");`);
    this.addSql(`alter table "credentials" add constraint "credentials_event_value_unique" unique ("event_id", "value");`);

    this.addSql(`create table "custom_fields" ("id" uuid not null, "event_id" uuid not null, "key" varchar(64) not null, "label" varchar(200) not null, "type" text not null, "options" jsonb null, "required" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "custom_fields" add constraint "custom_fields_event_key_unique" unique ("event_id", "key");`);

    this.addSql(`create table "attendee_types" ("id" uuid not null, "event_id" uuid not null, "name" varchar(100) not null, "description" varchar(1000) null, "price_cents" int not null default 0, "price_currency" varchar(3) not null default 'USD', "publicly_available" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "attendee_types" add constraint "attendee_types_event_name_unique" unique ("event_id", "name");`);

    this.addSql(`create table "groups" ("id" uuid not null, "event_id" uuid not null, "name" varchar(100) not null, "description" varchar(1000) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "groups" add constraint "groups_event_name_unique" unique ("event_id", "name");`);

    this.addSql(`alter table "attendees" add "attendee_type_id" uuid null, add "group_ids" uuid[] not null default '{}', add "emergency_contact" jsonb null;`);
    this.addSql(`create index "attendees_event_created_at_index" on "attendees" ("event_id", "created_at");`);
    this.addSql(`create index "attendees_event_updated_at_index" on "attendees" ("event_id", "updated_at");`);
    this.addSql(`create index "attendees_event_last_name_index" on "attendees" ("event_id", "last_name");`);
    this.addSql(`create index "attendees_event_first_name_index" on "attendees" ("event_id", "first_name");`);
    this.addSql(`create index "attendees_event_email_index" on "attendees" ("event_id", lower("email"));`);
    this.addSql(`create index "attendees_event_status_index" on "attendees" ("event_id", "status", "created_at");`);
    this.addSql(`create index "attendees_event_attendee_type_index" on "attendees" ("event_id", "attendee_type_id", "created_at");`);
    this.addSql(`create index "attendees_group_ids_index" on "attendees" using gin ("group_ids");`);
    this.addSql(`create index "attendees_fields_index" on "attendees" using gin ("fields" jsonb_path_ops);`);
    this.addSql(`create unique index "attendees_one_active_per_email" on "attendees" ("event_id", coalesce("occurrence_id", '00000000-0000-0000-0000-000000000000'::uuid), lower("email")) where "status" <> 'CANCELLED' and "deleted_at" is null;`);

    this.addSql(`alter table "check_ins" add constraint "check_ins_direction_check" check ("direction" in ('in', 'out'));`);

    this.addSql(`alter table "credentials" add constraint "credentials_credential_type_id_foreign" foreign key ("credential_type_id") references "credential_types" ("id");`);

    this.addSql(`alter table "custom_fields" add constraint "custom_fields_event_id_foreign" foreign key ("event_id") references "events" ("id") on delete cascade;`);
    this.addSql(`alter table "custom_fields" add constraint "custom_fields_type_check" check ("type" in ('text', 'number', 'boolean', 'date', 'email', 'select', 'multiselect'));`);

    this.addSql(`alter table "attendee_types" add constraint "attendee_types_event_id_foreign" foreign key ("event_id") references "events" ("id") on delete cascade;`);

    this.addSql(`alter table "groups" add constraint "groups_event_id_foreign" foreign key ("event_id") references "events" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "credentials" drop constraint "credentials_credential_type_id_foreign";`);

    this.addSql(`drop table if exists "check_ins" cascade;`);
    this.addSql(`drop table if exists "credential_types" cascade;`);
    this.addSql(`drop table if exists "credentials" cascade;`);
    this.addSql(`drop table if exists "custom_fields" cascade;`);
    this.addSql(`drop table if exists "attendee_types" cascade;`);
    this.addSql(`drop table if exists "groups" cascade;`);

    this.addSql(`drop index "attendees_event_created_at_index";`);
    this.addSql(`drop index "attendees_event_updated_at_index";`);
    this.addSql(`drop index "attendees_event_last_name_index";`);
    this.addSql(`drop index "attendees_event_first_name_index";`);
    this.addSql(`drop index "attendees_event_email_index";`);
    this.addSql(`drop index "attendees_event_status_index";`);
    this.addSql(`drop index "attendees_event_attendee_type_index";`);
    this.addSql(`drop index "attendees_group_ids_index";`);
    this.addSql(`drop index "attendees_fields_index";`);
    this.addSql(`drop index "attendees_one_active_per_email";`);
    this.addSql(`alter table "attendees" drop column "attendee_type_id", drop column "group_ids", drop column "emergency_contact";`);
  }

}
