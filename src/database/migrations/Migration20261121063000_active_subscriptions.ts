import { Migration } from '@mikro-orm/migrations';

export class Migration20261121063000_active_subscriptions extends Migration {

  override name = 'Migration20261121063000_active_subscriptions';

  override up(): void | Promise<void> {
    this.addSql(`create index "webhook_subscriptions_organization_active_index" on "webhook_subscriptions" ("organization_id") where "active" = true;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "webhook_subscriptions_organization_active_index";`);
  }

}
