/**
 * {@linkcode Database} on PGlite, PostgreSQL compiled to WebAssembly, so a
 * small fleet needs no database server.
 *
 * @module
 */
import { PGlite, type Transaction } from "@electric-sql/pglite";
import {
  type Database,
  type Queryable,
  quoteIdentifier,
  sqlParams,
} from "./database.ts";

/** Options of {@linkcode openPglite}. */
export interface PgliteOptions {
  /** Schema holding the tables; created when missing. */
  schema?: string;
}

function wrap(db: PGlite | Transaction): Queryable {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const result = await db.query<T>(text, sqlParams(params));
      return result.rows;
    },
    async exec(text: string) {
      await db.exec(text);
    },
  };
}

/** Open the embedded database stored in `folder`, or in memory when unset. */
export async function openPglite(
  folder?: string,
  options: PgliteOptions = {},
): Promise<Database> {
  return await usePglite(await PGlite.create(folder), options);
}

/** Serve a {@linkcode Database} from an already open PGlite instance. */
export async function usePglite(
  pg: PGlite,
  options: PgliteOptions = {},
): Promise<Database> {
  const schema = quoteIdentifier(options.schema ?? "public");
  // PGlite has a single connection, so the search path set here holds for
  // every later statement.
  await pg.exec(
    `CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`,
  );

  return {
    kind: "pglite",
    ...wrap(pg),
    listen: async (channel, onNotify) => {
      const stop = await pg.listen(channel, onNotify);
      return () => stop();
    },
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}
