/**
 * One database interface over both drivers: postgres.js for PostgreSQL and
 * PGlite for the embedded database. Services write plain SQL with `$1`
 * parameters and run unchanged on either.
 *
 * @module
 */

/** A result row keyed by column name. */
export type Row = Record<string, unknown>;

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  /** Run one statement with `$n` parameters and return its rows. */
  query<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
  /** Run a script of several statements without parameters. */
  exec(text: string): Promise<void>;
}

/** An open database. */
export interface Database extends Queryable {
  /** Which driver serves this database. */
  readonly kind: "postgres" | "pglite";
  /**
   * Call `onNotify` with the payload of every `NOTIFY` on `channel`, from
   * any process sharing the database; resolves to a function that stops.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
  ): Promise<() => Promise<void>>;
  /** Run `fn` in a transaction, committed when it resolves. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Release connections and files. */
  close(): Promise<void>;
}

/** Undefined is not a SQL value; both drivers want null. */
export function sqlParams(params: unknown[] = []): unknown[] {
  return params.map((value) => value === undefined ? null : value);
}

/** Quote a schema or table name for SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
