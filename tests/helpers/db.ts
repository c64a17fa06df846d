/**
 * Databases for tests: the embedded PGlite always, and PostgreSQL when
 * `TEST_DATABASE_URL` is set (required when `CI=true`). Each test gets a
 * fresh, migrated schema; a test file shares one PGlite instance, since
 * starting one takes seconds.
 *
 * @module
 */
import { PGlite } from "@electric-sql/pglite";
import type { Database } from "../../controller/db/database.ts";
import { migrate } from "../../controller/db/migrate.ts";
import { usePglite } from "../../controller/db/pglite.ts";
import { openPostgres } from "../../controller/db/postgres.ts";

/** A database engine tests run on. */
export type DatabaseKind = "pglite" | "postgres";

/** A migrated database in its own schema, dropped by `close`. */
export interface TestDatabase {
  /** The database, with the schema as search path. */
  db: Database;
  /** The schema name. */
  schema: string;
  /** Drop the schema and release connections. */
  close(): Promise<void>;
}

/** The PostgreSQL URL tests use, or undefined when they run on PGlite only. */
export function testDatabaseUrl(): string | undefined {
  const url = Deno.env.get("TEST_DATABASE_URL");
  if (!url && Deno.env.get("CI") === "true") {
    throw new Error(
      "TEST_DATABASE_URL must be set when CI=true: the suite must also run on PostgreSQL",
    );
  }
  return url || undefined;
}

/** The engines this run covers. */
export function databaseKinds(): DatabaseKind[] {
  return testDatabaseUrl() ? ["pglite", "postgres"] : ["pglite"];
}

let sharedPglite: Promise<PGlite> | undefined;

/** A fresh, migrated schema on `kind`. */
export async function openTestDatabase(
  kind: DatabaseKind,
): Promise<TestDatabase> {
  const schema = `test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const db = kind === "postgres"
    ? await openPostgres(testDatabaseUrl()!, { schema, maxConnections: 4 })
    : await usePglite(await (sharedPglite ??= PGlite.create()), { schema });
  await migrate(db);

  return {
    db,
    schema,
    close: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      // The shared PGlite outlives each test; only PostgreSQL pools close.
      if (kind === "postgres") await db.close();
    },
  };
}

/**
 * Register `fn` as one test per database engine, named with the engine.
 */
export function dbTest(
  name: string,
  fn: (kind: DatabaseKind) => Promise<void>,
): void {
  const kinds = databaseKinds();
  for (const kind of ["pglite", "postgres"] as const) {
    Deno.test({
      name: `[${kind}] ${name}`,
      // Listed as ignored rather than left out, so a run without
      // TEST_DATABASE_URL says how much it did not cover.
      ignore: !kinds.includes(kind),
      // PGlite stays open between tests on purpose, and postgres.js ends
      // its connection timers a moment after close() resolves; neither is
      // a leak of the code under test.
      sanitizeResources: false,
      sanitizeOps: false,
      fn: () => fn(kind),
    });
  }
}
