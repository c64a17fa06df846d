/**
 * `deno task admin`: maintenance an operator runs on the controller's own
 * machine. `reset-password` is the way back in when the only admin has
 * lost their password, since `CEFLEET_ADMIN_PASSWORD` counts only on the
 * first start.
 *
 * @module
 */
import { UserCreateSchema } from "../shared/api.ts";
import { type Clock, systemClock } from "./clock.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { migrate } from "./db/migrate.ts";
import { openDatabase } from "./db/open.ts";
import { type Actor, AuditService } from "./services/audit.ts";
import { UserService } from "./services/users.ts";
import { startupFailureHint } from "./startup_failure.ts";

/** Who the audit log names for changes made from the command line. */
export const COMMAND_LINE_ACTOR: Actor = { id: null, name: "command line" };

/** The text `--help` prints. */
export const ADMIN_HELP = `Usage: deno task admin <command> [arguments]

Commands:
  reset-password [USERNAME]  Give USERNAME (default: admin) a new one-time
                             password, printed once. The account is enabled,
                             unlocked and made an admin, its sessions end,
                             and signing in asks for a new password. A
                             missing user is created as an admin.
  help, --help               Show this text.

It uses the controller's settings (DATABASE_URL, CEFLEET_DB_SCHEMA,
CEFLEET_DATA_DIR). With the embedded database, stop the controller first:
only one process may open the data folder. With PostgreSQL it also works
while controllers run.`;

/** Where the command writes, so tests can read it. */
export interface AdminCommandIo {
  /** Text for the operator. */
  out(text: string): void;
  /** Problems. */
  err(text: string): void;
}

/** Everything {@linkcode runAdminCommand} works with. */
export interface AdminCommandOptions {
  /** Settings; read from the environment when unset. */
  config?: Config;
  /** Time of the audit entry and of the sessions' end; the system's. */
  clock?: Clock;
  /** Output; the console when unset. */
  io?: AdminCommandIo;
}

const consoleIo: AdminCommandIo = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
};

/** Run the command `args` names; resolves to the process's exit code. */
export async function runAdminCommand(
  args: string[],
  options: AdminCommandOptions = {},
): Promise<number> {
  const io = options.io ?? consoleIo;
  const [command, ...rest] = args;
  if (!command || ["help", "--help", "-h"].includes(command)) {
    io.out(ADMIN_HELP);
    return command ? 0 : 2;
  }
  if (command !== "reset-password") {
    io.err(`Unknown command "${command}"; run with --help to list commands`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(ADMIN_HELP);
    return 0;
  }
  if (rest.length > 1) {
    io.err(`Unexpected argument "${rest[1]}"; give at most one username`);
    return 2;
  }
  return await resetPassword(rest[0] ?? "admin", options, io);
}

async function resetPassword(
  username: string,
  options: AdminCommandOptions,
  io: AdminCommandIo,
): Promise<number> {
  if (!UserCreateSchema.shape.username.safeParse(username).success) {
    io.err(
      `Username "${username}" is not valid: use 1 to 100 letters, digits ` +
        "or _ . @ -",
    );
    return 2;
  }
  const config = readConfig(options, io);
  if (!config) return 2;

  let db;
  try {
    db = await openDatabase(config);
    // A data folder or schema never started on gets its tables, so the
    // first admin can be made here as well.
    await migrate(db);
  } catch (error) {
    await db?.close();
    io.err(openFailure(error, config));
    return 1;
  }
  try {
    const clock = options.clock ?? systemClock;
    const users = new UserService(db, clock, new AuditService(db, clock), {
      lockoutThreshold: config.lockoutThreshold,
      lockoutMinutes: config.lockoutMinutes,
    });
    const result = await users.recoverAdmin(username, COMMAND_LINE_ACTOR);
    io.out(recoveryText(username, result));
    return 0;
  } finally {
    await db.close();
  }
}

function readConfig(
  options: AdminCommandOptions,
  io: AdminCommandIo,
): Config | undefined {
  if (options.config) return options.config;
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return undefined;
  }
}

function openFailure(error: unknown, config: Config): string {
  const hint = startupFailureHint(error, config);
  if (hint) return hint;
  return `Cannot open the database: ${(error as Error).message ?? error}`;
}

function recoveryText(
  username: string,
  result: { created: boolean; temporaryPassword: string },
): string {
  const rule = "=".repeat(64);
  return [
    rule,
    result.created
      ? `  Admin "${username}" did not exist and was created.`
      : `  Admin "${username}" was given a new password and re-enabled;`,
    ...(result.created ? [] : ["  every session it had has ended."]),
    `  Username: ${username}`,
    `  One-time password: ${result.temporaryPassword}`,
    "  It is shown only now; signing in asks for a new password.",
    rule,
  ].join("\n");
}

if (import.meta.main) Deno.exit(await runAdminCommand(Deno.args));
