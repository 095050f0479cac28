import { Migration } from '@mikro-orm/migrations';

export class Migration20261121025801_webhooks extends Migration {

  override name = 'Migration20261121025801_webhooks';

  override up(): void | Promise<void> {
    this.addSql(`create table "webhook_subscriptions" ("id" uuid not null, "organization_id" uuid not null, "event_id" uuid null, "url" varchar(2000) not null, "events" jsonb not null, "description" varchar(500) null, "active" boolean not null default true, "disabled_reason" varchar(500) null, "secret" varchar(100) not null, "previous_secret" varchar(100) null, "previous_secret_expires_at" timestamptz null, "failing_since" timestamptz null, "created_by_user_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_subscriptions_organization_index" on "webhook_subscriptions" ("organization_id");`);

    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "subscription_id" uuid not null, "event_type" varchar(100) not null, "payload" jsonb not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "lease_expires_at" timestamptz null, "last_attempt_at" timestamptz null, "last_response_status" int null, "last_error" varchar(1000) null, "last_latency_ms" int null, "last_response_body" text null, "created_at" timestamptz not null, "completed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "webhook_deliveries_due_index" on "webhook_deliveries" ("next_attempt_at") where "status" = 'PENDING';`);
    this.addSql(`create index "webhook_deliveries_subscription_created_at_index" on "webhook_deliveries" ("subscription_id", "created_at");`);
    this.addSql(`create index "webhook_deliveries_completed_at_index" on "webhook_deliveries" ("completed_at");`);

    this.addSql(`create table "webhook_attempts" ("id" uuid not null, "delivery_id" uuid not null, "attempted_at" timestamptz not null, "response_status" int null, "latency_ms" int not null, "error" varchar(1000) null, "response_body" text null, primary key ("id"));`);
    this.addSql(`create index "webhook_attempts_delivery_index" on "webhook_attempts" ("delivery_id", "attempted_at");`);


    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_subscription_id_foreign" foreign key ("subscription_id") references "webhook_subscriptions" ("id") on delete cascade;`);
    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_status_check" check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED'));`);

    this.addSql(`alter table "webhook_attempts" add constraint "webhook_attempts_delivery_id_foreign" foreign key ("delivery_id") references "webhook_deliveries" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_deliveries" drop constraint "webhook_deliveries_subscription_id_foreign";`);
    this.addSql(`alter table "webhook_attempts" drop constraint "webhook_attempts_delivery_id_foreign";`);


    this.addSql(`drop table if exists "webhook_subscriptions" cascade;`);
    this.addSql(`drop table if exists "webhook_deliveries" cascade;`);
    this.addSql(`drop table if exists "webhook_attempts" cascade;`);
  }

}
