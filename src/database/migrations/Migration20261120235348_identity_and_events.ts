import { Migration } from '@mikro-orm/migrations';

export class Migration20261120235348_identity_and_events extends Migration {

  override name = 'Migration20261120235348_identity_and_events';

  override up(): void | Promise<void> {
    this.addSql(`create table "categories" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(100) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "categories" add constraint "categories_organization_name_unique" unique ("organization_id", "name");`);

    this.addSql(`create table "events" ("id" uuid not null, "organization_id" uuid not null, "slug" varchar(100) not null, "title" varchar(200) not null, "description" text null, "status" text not null default 'DRAFT', "starts_at" timestamptz null, "ends_at" timestamptz null, "capacity" int null, "seats_held" int not null default 0, "waitlist_enabled" boolean not null default true, "waitlist_policy" text not null default 'AUTO_CONFIRM', "offer_ttl_minutes" int null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "events_status_starts_at_index" on "events" ("status", "starts_at");`);
    this.addSql(`create index "events_organization_starts_at_index" on "events" ("organization_id", "starts_at");`);
    this.addSql(`alter table "events" add constraint "events_organization_slug_unique" unique ("organization_id", "slug");`);

    this.addSql(`create table "event_categories" ("event_id" uuid not null, "category_id" uuid not null, primary key ("event_id", "category_id"));`);

    this.addSql(`create table "event_managers" ("id" uuid not null, "event_id" uuid not null, "user_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "event_managers_user_id_index" on "event_managers" ("user_id");`);
    this.addSql(`alter table "event_managers" add constraint "event_managers_event_user_unique" unique ("event_id", "user_id");`);

    this.addSql(`create table "occurrences" ("id" uuid not null, "event_id" uuid not null, "start_date" timestamptz not null, "end_date" timestamptz not null, "capacity" int null, "seats_held" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "occurrences_event_start_date_index" on "occurrences" ("event_id", "start_date");`);

    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(320) null, "name" varchar(200) null, "first_name" varchar(100) null, "last_name" varchar(100) null, "phone" varchar(50) null, "avatar_url" varchar(2048) null, "role" text not null default 'USER', "organization_id" uuid null, "external_id" varchar(200) null, "is_active" boolean not null default true, "password_hash" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`create index "users_organization_id_index" on "users" ("organization_id");`);
    this.addSql(`alter table "users" add constraint "users_organization_external_id_unique" unique ("organization_id", "external_id");`);

    this.addSql(`create table "memberships" ("id" uuid not null, "user_id" uuid not null, "name" varchar(200) not null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "memberships_user_starts_at_index" on "memberships" ("user_id", "starts_at");`);

    this.addSql(`create table "api_keys" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(200) not null, "role" text not null, "key_hash" varchar(64) not null, "prefix" varchar(16) not null, "created_by_id" uuid null, "last_used_at" timestamptz null, "expires_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "api_keys_organization_id_index" on "api_keys" ("organization_id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);

    this.addSql(`alter table "events" add constraint "events_seats_check" check (seats_held >= 0 and (capacity is null or seats_held <= capacity));`);
    this.addSql(`alter table "events" add constraint "events_dates_check" check (ends_at is null or starts_at is null or ends_at >= starts_at);`);
    this.addSql(`alter table "events" add constraint "events_offer_ttl_check" check (offer_ttl_minutes is null or offer_ttl_minutes > 0);`);
    this.addSql(`alter table "events" add constraint "events_status_check" check ("status" in ('DRAFT', 'PUBLISHED', 'ARCHIVED'));`);
    this.addSql(`alter table "events" add constraint "events_waitlist_policy_check" check ("waitlist_policy" in ('AUTO_CONFIRM', 'OFFER'));`);

    this.addSql(`alter table "event_categories" add constraint "event_categories_event_id_foreign" foreign key ("event_id") references "events" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "event_categories" add constraint "event_categories_category_id_foreign" foreign key ("category_id") references "categories" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "event_managers" add constraint "event_managers_event_id_foreign" foreign key ("event_id") references "events" ("id") on delete cascade;`);

    this.addSql(`alter table "occurrences" add constraint "occurrences_event_id_foreign" foreign key ("event_id") references "events" ("id") on delete cascade;`);
    this.addSql(`alter table "occurrences" add constraint "occurrences_seats_check" check (seats_held >= 0 and (capacity is null or seats_held <= capacity));`);
    this.addSql(`alter table "occurrences" add constraint "occurrences_dates_check" check (end_date >= start_date);`);

    this.addSql(`alter table "users" add constraint "users_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id") on delete set null;`);
    this.addSql(`alter table "users" add constraint "users_role_check" check ("role" in ('USER', 'ORGANIZER', 'ADMIN'));`);

    this.addSql(`alter table "memberships" add constraint "memberships_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_organization_id_foreign" foreign key ("organization_id") references "organizations" ("id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_role_check" check ("role" in ('ORGANIZER', 'READ_ONLY'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "event_categories" drop constraint "event_categories_category_id_foreign";`);
    this.addSql(`alter table "event_categories" drop constraint "event_categories_event_id_foreign";`);
    this.addSql(`alter table "event_managers" drop constraint "event_managers_event_id_foreign";`);
    this.addSql(`alter table "occurrences" drop constraint "occurrences_event_id_foreign";`);
    this.addSql(`alter table "memberships" drop constraint "memberships_user_id_foreign";`);
    this.addSql(`alter table "api_keys" drop constraint "api_keys_created_by_id_foreign";`);

    this.addSql(`drop table if exists "categories" cascade;`);
    this.addSql(`drop table if exists "events" cascade;`);
    this.addSql(`drop table if exists "event_categories" cascade;`);
    this.addSql(`drop table if exists "event_managers" cascade;`);
    this.addSql(`drop table if exists "occurrences" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "memberships" cascade;`);
    this.addSql(`drop table if exists "api_keys" cascade;`);
  }

}
