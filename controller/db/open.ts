/**
 * Open the database the configuration names: PostgreSQL when a URL is
 * given, otherwise the embedded database in the data folder.
 *
 * @module
 */
import { join } from "node:path";
import type { Config } from "../config.ts";
import type { Database } from "./database.ts";
import { openPglite } from "./pglite.ts";
import { openPostgres } from "./postgres.ts";

/** Open the configured database. */
export async function openDatabase(
  config: Pick<Config, "databaseUrl" | "databaseSchema" | "dataDir">,
): Promise<Database> {
  const schema = config.databaseSchema;
  if (config.databaseUrl) {
    return await openPostgres(config.databaseUrl, { schema });
  }
  const folder = join(config.dataDir, "pgdata");
  await Deno.mkdir(folder, { recursive: true });
  return await openPglite(folder, { schema });
}
