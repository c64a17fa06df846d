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

/**
 * Thrown when another process already has the embedded database open: two
 * PGlite instances on one folder do not see each other's writes and can
 * corrupt it.
 */
export class DatabaseInUseError extends Error {
  /** The folder whose lock is held. */
  readonly folder: string;

  /** Name the folder in the message. */
  constructor(folder: string) {
    super(
      `The embedded database in "${folder}" is open in another process, ` +
        "such as a running controller; stop it and try again",
    );
    this.name = "DatabaseInUseError";
    this.folder = folder;
  }
}

/**
 * Open the configured database.
 *
 * @throws {DatabaseInUseError} when another process holds the embedded
 * database's folder
 */
export async function openDatabase(
  config: Pick<Config, "databaseUrl" | "databaseSchema" | "dataDir">,
): Promise<Database> {
  const schema = config.databaseSchema;
  if (config.databaseUrl) {
    return await openPostgres(config.databaseUrl, { schema });
  }
  const folder = join(config.dataDir, "pgdata");
  await Deno.mkdir(folder, { recursive: true });
  const lock = await lockFolder(config.dataDir);
  try {
    const db = await openPglite(folder, { schema });
    return { ...db, close: () => db.close().finally(() => lock.close()) };
  } catch (error) {
    lock.close();
    throw error;
  }
}

// PGlite itself opens a folder that another process is using without
// complaint, so the controller and the admin command hold an exclusive lock
// on a file beside it. The operating system drops the lock when the
// process ends, even after a crash, so a stale lock never blocks a start.
async function lockFolder(dataDir: string): Promise<Deno.FsFile> {
  const file = await Deno.open(join(dataDir, "pgdata.lock"), {
    write: true,
    create: true,
  });
  if (await file.tryLock(true)) return file;
  file.close();
  throw new DatabaseInUseError(join(dataDir, "pgdata"));
}
