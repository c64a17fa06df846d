/**
 * {@linkcode Database} on PostgreSQL through postgres.js.
 *
 * @module
 */
import postgres from "postgres";
import {
  type Database,
  type Queryable,
  quoteIdentifier,
  sqlParams,
} from "./database.ts";

/** Options of {@linkcode openPostgres}. */
export interface PostgresOptions {
  /** Schema holding the tables; created when missing. */
  schema?: string;
  /** Most connections kept open at once. */
  maxConnections?: number;
}

type Sql = postgres.Sql | postgres.TransactionSql;

function wrap(sql: Sql): Queryable {
  return {
    async query<T>(text: string, params?: unknown[]) {
      const values = sqlParams(params) as postgres.ParameterOrJSON<never>[];
      const rows = await sql.unsafe(text, values);
      return [...rows] as T[];
    },
    async exec(text: string) {
      await sql.unsafe(text).simple();
    },
  };
}

/** Connect to PostgreSQL at `url`. */
export async function openPostgres(
  url: string,
  options: PostgresOptions = {},
): Promise<Database> {
  const schema = options.schema ?? "public";
  const sql = postgres(url, {
    max: options.maxConnections ?? 10,
    connection: { search_path: schema, application_name: "cefleet" },
    // Notices such as "relation already exists, skipping" are noise here.
    onnotice: () => {},
  });
  await sql.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);

  return {
    kind: "postgres",
    ...wrap(sql),
    listen: async (channel, onNotify) => {
      const { unlisten } = await sql.listen(channel, onNotify);
      return unlisten;
    },
    transaction: (fn) =>
      sql.begin((tx) => fn(wrap(tx))) as ReturnType<typeof fn>,
    close: () => sql.end({ timeout: 5 }),
  };
}
