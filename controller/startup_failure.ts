/**
 * One line for the admin when the controller cannot start for a reason
 * outside its settings' syntax: the port is taken, the database does not
 * answer, or another process holds the embedded database. The structured log keeps the full error for diagnosis.
 *
 * @module
 */
import type { Config } from "./config.ts";
import { DatabaseInUseError } from "./db/open.ts";

/** What went wrong at start-up and what to change, or undefined if unknown. */
export function startupFailureHint(
  error: unknown,
  config: Pick<Config, "port" | "host" | "databaseUrl">,
): string | undefined {
  if (error instanceof DatabaseInUseError) return error.message;
  if (error instanceof Deno.errors.AddrInUse) {
    return `Port ${config.port} is already in use on ${config.host}; ` +
      "stop what uses it or set PORT to another port (PORT=0 picks a free one)";
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (config.databaseUrl && DATABASE_UNREACHABLE.has(String(code))) {
    return `Cannot reach the database at ${redact(config.databaseUrl)} ` +
      `(${code}); check DATABASE_URL and that PostgreSQL is running`;
  }
  return undefined;
}

const DATABASE_UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "CONNECT_TIMEOUT",
]);

// A database URL may carry a password, which must not reach a terminal or
// a log collector.
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "DATABASE_URL";
  }
}
