/** Migrations on both databases: applied once, safe to run concurrently. */
import { assertEquals } from "./helpers/assert.ts";
import { dbTest, openTestDatabase, testDatabaseUrl } from "./helpers/db.ts";
import { openPostgres } from "../controller/db/postgres.ts";
import { loadMigrations, migrate } from "../controller/db/migrate.ts";

dbTest("migrate() applies nothing the second time", async (kind) => {
  const database = await openTestDatabase(kind);
  try {
    const again = await migrate(database.db);
    const rows = await database.db.query<{ name: string }>(
      "SELECT name FROM schema_migrations ORDER BY version",
    );

    assertEquals(again, []);
    const shipped = (await loadMigrations()).map((m) => m.name);
    assertEquals(rows.map((row) => row.name), shipped);
  } finally {
    await database.close();
  }
});

Deno.test({
  name: "[postgres] controllers starting at once apply each migration once",
  ignore: !testDatabaseUrl(),
  fn: async () => {
    const schema = `race_${crypto.randomUUID().slice(0, 8)}`;
    const url = testDatabaseUrl()!;
    const first = await openPostgres(url, { schema });
    const second = await openPostgres(url, { schema });
    try {
      const [a, b] = await Promise.all([migrate(first), migrate(second)]);

      assertEquals([...a, ...b].length, (await loadMigrations()).length);
    } finally {
      await first.exec(`DROP SCHEMA ${schema} CASCADE`);
      await Promise.all([first.close(), second.close()]);
    }
  },
});
