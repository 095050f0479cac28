import { defineEntity, p } from '@mikro-orm/core';
import { loadMigrations } from 'src/database/migration-loader';
import { startTestApp, type TestApp } from '../support/test-app';
import { ADMIN_URL_VARIABLE, createDatabase, dropDatabase } from '../support/test-database';

/** An entity no migration knows, to prove the drift check can fail. */
const DriftProbe = defineEntity({
  name: 'DriftProbe',
  tableName: 'drift_probe',
  properties: { id: p.integer().primary() },
});

describe('entities and migrations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('agree: a database migrated from the committed migrations needs no further change', async () => {
    const sql = await t.orm.schema.getUpdateSchemaSQL({ wrap: false });
    // On failure: run `npm run migration:create -- <name>` and commit the generated file.
    expect(sql.trim()).toBe('');
  });

  it('would disagree if an entity had no migration (negative control)', async () => {
    t.orm.discoverEntity(DriftProbe);
    const sql = await t.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(sql).toContain('create table "drift_probe"');
  });
});

const adminUrl = process.env[ADMIN_URL_VARIABLE];

(adminUrl ? describe : describe.skip)(
  'instances starting together on a fresh PostgreSQL database (runs when DATABASE_URL is set)',
  () => {
    let url: string;
    beforeAll(async () => (url = await createDatabase(adminUrl!, 'turnout_race')));
    afterAll(() => dropDatabase(adminUrl!, url));

    // Negative control: without the advisory lock in MigrationsOnStart, this fails on a fresh
    // database (instances race to create the tracking table and the tables: "already exists").
    it('all start, and every migration is applied exactly once', async () => {
      const apps = await Promise.all(
        [1, 2, 3, 4].map(() => startTestApp({ env: { DATABASE_URL: url } })),
      );
      try {
        const rows: Array<{ name: string; times: string }> = await apps[0].orm.em
          .getConnection()
          .execute(
            'select name, count(*) as times from mikro_orm_migrations group by name order by name',
          );
        expect(rows.map((row) => [row.name, Number(row.times)])).toEqual(
          loadMigrations().map((migration) => [migration.name, 1]),
        );
      } finally {
        await Promise.all(apps.map((app) => app.close()));
      }
    });
  },
);
