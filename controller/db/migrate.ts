/**
 * Numbered SQL migrations, applied at start-up in one transaction under an
 * advisory lock so that several controllers can start at once.
 *
 * @module
 */
import type { Database } from "./database.ts";

/** A migration: its number, name and SQL. */
export interface Migration {
  /** Order of application, from the file name's leading number. */
  version: number;
  /** File name without extension. */
  name: string;
  /** The SQL script. */
  sql: string;
}

// Any fixed number works; it only has to be the same in every controller.
const MIGRATION_LOCK = 7_243_501;

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

/** Read the migration files shipped with the controller, in order. */
export async function loadMigrations(
  dir: URL = MIGRATIONS_DIR,
): Promise<Migration[]> {
  const migrations: Migration[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const match = /^(\d+)_.+\.sql$/.exec(entry.name);
    if (!match) continue;
    const sql = await Deno.readTextFile(new URL(entry.name, dir));
    const name = entry.name.replace(/\.sql$/, "");
    migrations.push({ version: Number(match[1]), name, sql });
  }
  return migrations.sort((a, b) => a.version - b.version);
}

/** Apply the migrations `db` lacks; returns the names applied. */
export async function migrate(
  db: Database,
  migrations?: Migration[],
): Promise<string[]> {
  const all = migrations ?? await loadMigrations();

  return await db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const rows = await tx.query<{ version: number }>(
      "SELECT version FROM schema_migrations",
    );
    const done = new Set(rows.map((row) => row.version));

    const applied: string[] = [];
    for (const migration of all.filter((m) => !done.has(m.version))) {
      await tx.exec(migration.sql);
      await tx.query(
        "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
        [migration.version, migration.name],
      );
      applied.push(migration.name);
    }
    return applied;
  });
}
